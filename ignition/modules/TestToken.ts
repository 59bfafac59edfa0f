import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/** A 6-decimal stablecoin stand-in with EIP-2612 permit and open minting, for local chains and testnets only. */
export default buildModule("TestToken", (m) => {
  const name = m.getParameter("name", "Gapless Test USD");
  const symbol = m.getParameter("symbol", "gUSD");
  const decimals = m.getParameter("decimals", 6n);
  const testToken = m.contract("TestToken", [name, symbol, decimals]);
  return { testToken };
});
