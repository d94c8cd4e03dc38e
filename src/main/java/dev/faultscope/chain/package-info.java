/**
 * Live dispute games over JSON-RPC (web3j): reading a {@code FaultDisputeGame} and its factory, the calldata of
 * every action, sending one action with a key, and replaying what was read through the engine's rules of the
 * game's version to check the chain and the model agree. No JavaFX here: the CLI and the app both call it.
 */
package dev.faultscope.chain;
