import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/** The Waterfall factory: one per chain, shared by every platform. It deploys the Waterfall implementation itself. */
export default buildModule("WaterfallFactory", (m) => {
  const waterfallFactory = m.contract("WaterfallFactory");
  const waterfallImplementation = m.contractAt("Waterfall", m.staticCall(waterfallFactory, "IMPLEMENTATION"), {
    id: "WaterfallImplementation",
  });
  return { waterfallFactory, waterfallImplementation };
});
