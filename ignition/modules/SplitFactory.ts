import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/** The Split factory: one per chain, shared by every platform. It deploys the Split implementation itself. */
export default buildModule("SplitFactory", (m) => {
  const splitFactory = m.contract("SplitFactory");
  const splitImplementation = m.contractAt("Split", m.staticCall(splitFactory, "IMPLEMENTATION"), {
    id: "SplitImplementation",
  });
  return { splitFactory, splitImplementation };
});
