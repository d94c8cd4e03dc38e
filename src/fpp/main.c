/*
 * main.c - Faultscope's fault proof program (docs/fpp.md is the contract for every byte here).
 *
 * From the agreed L2 output it re-derives the toy rollup's L2 blocks out of L1 data fetched through
 * the pre-image oracle, up to the disputed block (or as far as the L1 data goes), and exits 0 if the
 * output root it computes equals the disputed claim, 1 if not, 2 if any input is malformed.
 */
#include "rt/keccak.h"
#include "oracle.h"
#include "rt/rt.h"

/* Limits (docs/fpp.md section 5). The data lives in static buffers: no heap is needed, and the
 * zero-filled .bss costs the VM nothing until a page is touched. */
#define MAX_ACCOUNTS   1024
#define MAX_L1_BLOCKS  4096             /* L1 blocks after the agreed block's origin */
#define MAX_BATCH      65536

#define LOCAL_L1_HEAD        1
#define LOCAL_AGREED_OUTPUT  2
#define LOCAL_CLAIM          3
#define LOCAL_CLAIM_NUMBER   4
#define LOCAL_CHAIN_ID       5

#define OUTPUT_BYTES    128     /* version 0 || stateRoot || message-passer root (0) || block hash */
#define L1_HEADER_BYTES 80      /* parentHash || number || timestamp || batchHash */
#define L2_HEADER_BYTES 112     /* parentHash || number || l1OriginHash || l1OriginNumber || stateRoot */
#define TX_BYTES        17      /* kind || from || to || amount */

#define TX_TRANSFER 0
#define TX_DEPOSIT  1

/* An L1 block as derivation needs it. */
struct l1_block {
    uint8_t hash[32];
    uint64_t number;
    uint8_t batch_hash[32];
};

/* The L2 chain's head while deriving. */
struct l2_head {
    uint8_t hash[32];
    uint64_t number;
    uint8_t l1_origin_hash[32];
    uint64_t l1_origin_number;
    uint8_t state_root[32];
};

static struct l1_block l1_blocks[MAX_L1_BLOCKS];       /* newest first, as the walk finds them */
static uint32_t accounts;                              /* N */
static uint64_t balances[MAX_ACCOUNTS];
/* Word-aligned so the oracle's reads each fill a whole word (a quarter of the steps). */
static uint8_t batch[MAX_BATCH] __attribute__((aligned(4)));
static uint8_t state_bytes[4 + 8 * MAX_ACCOUNTS] __attribute__((aligned(4)));

static const uint8_t zero32[32];

static int is_zero32(const uint8_t *p)
{
    return memcmp(p, zero32, 32) == 0;
}

/* ---- the L2 state: N u32 || balance u64 x N ---- */

static void load_state(const uint8_t root[32])
{
    uint32_t len = keccak_get(root, "l2-state", state_bytes, sizeof state_bytes, "agreed L2 state");
    if (len < 4) {
        fail("agreed L2 state: %u bytes, too short for the account count", len);
    }
    uint32_t n = be32(state_bytes);
    if (n > MAX_ACCOUNTS) {
        fail("agreed L2 state: %u accounts, at most %u allowed", n, MAX_ACCOUNTS);
    }
    if (len != 4 + 8 * n) {
        fail("agreed L2 state: %u bytes, expected %u for %u accounts", len, 4 + 8 * n, n);
    }
    accounts = n;
    for (uint32_t i = 0; i < n; i++) {
        balances[i] = be64(state_bytes + 4 + 8 * i);
    }
}

static void state_root(uint8_t out[32])
{
    uint8_t *p = state_bytes;
    p[0] = (uint8_t)(accounts >> 24);
    p[1] = (uint8_t)(accounts >> 16);
    p[2] = (uint8_t)(accounts >> 8);
    p[3] = (uint8_t)accounts;
    for (uint32_t i = 0; i < accounts; i++) {
        put_be64(p + 4 + 8 * i, balances[i]);
    }
    keccak256(state_bytes, 4 + 8 * accounts, out);
}

/* ---- headers and output roots ---- */

static void l2_block_hash(const struct l2_head *h, const uint8_t parent[32], uint8_t out[32])
{
    uint8_t b[L2_HEADER_BYTES];
    memcpy(b, parent, 32);
    put_be64(b + 32, h->number);
    memcpy(b + 40, h->l1_origin_hash, 32);
    put_be64(b + 72, h->l1_origin_number);
    memcpy(b + 80, h->state_root, 32);
    keccak256(b, sizeof b, out);
}

static void output_root(const uint8_t state[32], const uint8_t block[32], uint8_t out[32])
{
    uint8_t b[OUTPUT_BYTES];
    memset(b, 0, sizeof b);
    memcpy(b + 32, state, 32);
    memcpy(b + 96, block, 32);
    keccak256(b, sizeof b, out);
}

/* Reads the agreed output's pre-image and the L2 header and state it names. */
static void load_agreed(const uint8_t agreed_output[32], struct l2_head *head)
{
    uint8_t out[OUTPUT_BYTES] __attribute__((aligned(4)));
    uint8_t hdr[L2_HEADER_BYTES] __attribute__((aligned(4)));
    char hex[67];

    uint32_t len = keccak_get(agreed_output, "l2-output", out, sizeof out, "agreed output root");
    if (len != OUTPUT_BYTES) {
        fail("agreed output root: pre-image is %u bytes, expected %u", len, OUTPUT_BYTES);
    }
    if (!is_zero32(out)) {
        fail("agreed output root: version word is not 0 (only output version 0 exists)");
    }
    if (!is_zero32(out + 64)) {
        fail("agreed output root: third word (message-passer root) is not 0 in this toy rollup");
    }
    memcpy(head->state_root, out + 32, 32);
    memcpy(head->hash, out + 96, 32);

    len = keccak_get(head->hash, "l2-header", hdr, sizeof hdr, "agreed L2 header");
    if (len != L2_HEADER_BYTES) {
        fail("agreed L2 header: %u bytes, expected %u", len, L2_HEADER_BYTES);
    }
    head->number = be64(hdr + 32);
    memcpy(head->l1_origin_hash, hdr + 40, 32);
    head->l1_origin_number = be64(hdr + 72);
    if (memcmp(hdr + 80, head->state_root, 32) != 0) {
        fail("agreed L2 header: state root %s differs from the output's", hex32(hdr + 80, hex));
    }
    load_state(head->state_root);
}

/* Walks L1 back from the head to the agreed block's origin; returns how many L1 blocks come after the
 * origin (stored newest first in l1_blocks). */
static uint32_t walk_l1(const uint8_t l1_head[32], const struct l2_head *agreed)
{
    uint8_t hdr[L1_HEADER_BYTES] __attribute__((aligned(4)));
    uint8_t hash[32];
    char hex[67];
    uint32_t count = 0;
    int have_child = 0;
    uint64_t child_number = 0;

    memcpy(hash, l1_head, 32);
    for (;;) {
        uint32_t len = keccak_get(hash, "l1-header", hdr, sizeof hdr, "L1 header");
        if (len != L1_HEADER_BYTES) {
            fail("L1 header %s: %u bytes, expected %u", hex32(hash, hex), len, L1_HEADER_BYTES);
        }
        uint64_t number = be64(hdr + 32);
        if (have_child && number + 1 != child_number) {
            fail("L1 header %s: number %llu, but its child is #%llu", hex32(hash, hex),
                 (unsigned long long)number, (unsigned long long)child_number);
        }
        if (memcmp(hash, agreed->l1_origin_hash, 32) == 0) {
            if (number != agreed->l1_origin_number) {
                fail("L1 origin %s: number %llu, but the agreed L2 header says #%llu", hex32(hash, hex),
                     (unsigned long long)number, (unsigned long long)agreed->l1_origin_number);
            }
            return count;
        }
        if (number <= agreed->l1_origin_number) {
            fail("L1 head does not descend from the agreed block's L1 origin #%llu (reached #%llu %s)",
                 (unsigned long long)agreed->l1_origin_number, (unsigned long long)number, hex32(hash, hex));
        }
        if (count == MAX_L1_BLOCKS) {
            fail("more than %u L1 blocks between the agreed L1 origin and the L1 head", MAX_L1_BLOCKS);
        }
        struct l1_block *b = &l1_blocks[count++];
        memcpy(b->hash, hash, 32);
        b->number = number;
        memcpy(b->batch_hash, hdr + 48, 32);
        memcpy(hash, hdr, 32);          /* on to the parent */
        have_child = 1;
        child_number = number;
    }
}

/* Applies one L1 block's batch to the balances; returns the transaction count, *skipped the skips. */
static uint32_t apply_batch(const struct l1_block *b, uint32_t *skipped)
{
    char hex[67];
    *skipped = 0;
    if (is_zero32(b->batch_hash)) {
        return 0;                       /* no batch in this L1 block: an empty L2 block */
    }
    uint32_t len = keccak_get(b->batch_hash, "l1-batch", batch, sizeof batch, "batch");
    if (len < 4) {
        fail("batch %s of L1 #%llu: %u bytes, too short for the count", hex32(b->batch_hash, hex),
             (unsigned long long)b->number, len);
    }
    uint32_t count = be32(batch);
    /* len <= 64 KiB, so comparing in 64 bits rules out any wrap of 17 * count. */
    if ((uint64_t)len != 4 + (uint64_t)TX_BYTES * count) {
        fail("batch %s of L1 #%llu: %u bytes, expected %llu for %u transactions", hex32(b->batch_hash, hex),
             (unsigned long long)b->number, len, (unsigned long long)(4 + (uint64_t)TX_BYTES * count), count);
    }
    /* Check every kind before changing any balance, so a malformed batch is refused as a whole. */
    for (uint32_t i = 0; i < count; i++) {
        uint8_t kind = batch[4 + TX_BYTES * i];
        if (kind != TX_TRANSFER && kind != TX_DEPOSIT) {
            fail("batch %s of L1 #%llu: transaction %u has kind %u (0 transfer, 1 deposit)",
                 hex32(b->batch_hash, hex), (unsigned long long)b->number, i, kind);
        }
    }
    for (uint32_t i = 0; i < count; i++) {
        const uint8_t *tx = batch + 4 + TX_BYTES * i;
        uint32_t from = be32(tx + 1);
        uint32_t to = be32(tx + 5);
        uint64_t amount = be64(tx + 9);
        if (tx[0] == TX_TRANSFER) {
            if (from >= accounts || to >= accounts || balances[from] < amount) {
                (*skipped)++;
                continue;
            }
            /* Debit first: then a transfer to oneself can never overflow. */
            uint64_t after = balances[from] - amount;
            uint64_t credit_base = from == to ? after : balances[to];
            if (credit_base + amount < credit_base) {
                (*skipped)++;
                continue;
            }
            balances[from] = after;
            balances[to] = credit_base + amount;
        } else {
            if (to >= accounts || balances[to] + amount < balances[to]) {
                (*skipped)++;
                continue;
            }
            balances[to] += amount;
        }
    }
    return count;
}

int main(void)
{
    uint8_t l1_head[32], agreed_output[32], claim[32], number_bytes[8], chain_bytes[8];
    char hex[67], hex2[67];
    struct l2_head head;

    local_get(LOCAL_L1_HEAD, l1_head, 32, "L1 head hash");
    local_get(LOCAL_AGREED_OUTPUT, agreed_output, 32, "agreed output root");
    local_get(LOCAL_CLAIM, claim, 32, "disputed output root");
    local_get(LOCAL_CLAIM_NUMBER, number_bytes, 8, "disputed L2 block number");
    local_get(LOCAL_CHAIN_ID, chain_bytes, 8, "chain id");
    uint64_t claim_number = be64(number_bytes);
    uint64_t chain_id = be64(chain_bytes);

    load_agreed(agreed_output, &head);
    printf("chain %llu: agreed L2 #%llu (L1 origin #%llu, %u accounts), disputed L2 #%llu\n",
           (unsigned long long)chain_id, (unsigned long long)head.number,
           (unsigned long long)head.l1_origin_number, accounts, (unsigned long long)claim_number);
    if (claim_number < head.number) {
        fail("disputed L2 block #%llu is before the agreed block #%llu",
             (unsigned long long)claim_number, (unsigned long long)head.number);
    }

    uint32_t l1_count = walk_l1(l1_head, &head);
    printf("L1 head %s: %u L1 blocks after the origin\n", hex32(l1_head, hex), l1_count);

    uint8_t output[32];
    memcpy(output, agreed_output, 32);
    /* Oldest first: the walk stored them newest first. */
    for (uint32_t i = l1_count; i > 0 && head.number < claim_number; i--) {
        const struct l1_block *b = &l1_blocks[i - 1];
        uint32_t skipped;
        uint32_t txs = apply_batch(b, &skipped);
        uint8_t parent[32];
        memcpy(parent, head.hash, 32);
        head.number++;
        memcpy(head.l1_origin_hash, b->hash, 32);
        head.l1_origin_number = b->number;
        state_root(head.state_root);
        l2_block_hash(&head, parent, head.hash);
        output_root(head.state_root, head.hash, output);
        printf("block %llu: origin L1 #%llu, %u txs (%u skipped), state %s, output %s\n",
               (unsigned long long)head.number, (unsigned long long)b->number, txs, skipped,
               hex32(head.state_root, hex), hex32(output, hex2));
    }
    if (head.number < claim_number) {
        /* Like op-program's safe-head cap: the claim can only be checked against what L1 supports. */
        printf("L1 data ends at L2 #%llu: the claim for #%llu is checked against its output\n",
               (unsigned long long)head.number, (unsigned long long)claim_number);
    }

    if (memcmp(output, claim, 32) == 0) {
        printf("verdict: VALID, L2 #%llu output %s matches the claim\n",
               (unsigned long long)head.number, hex32(output, hex));
        return EXIT_MATCH;
    }
    printf("verdict: INVALID, L2 #%llu output %s, the claim is %s\n",
           (unsigned long long)head.number, hex32(output, hex), hex32(claim, hex2));
    return EXIT_MISMATCH;
}
