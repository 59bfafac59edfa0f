import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/** The stateless claim-all router: one per chain, it holds nothing and trusts nothing. */
export default buildModule("ClaimRouter", (m) => {
  const claimRouter = m.contract("ClaimRouter");
  return { claimRouter };
});
