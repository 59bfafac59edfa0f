// Shared fixture for the Waterfall tests: a factory, configs from the TS mirror, created Waterfalls.
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import type { Address, Hex } from "viem";
import { configArgs, type Tranche, type WaterfallConfig } from "../../lib/chain/waterfall.js";
import { ETH } from "./splitFixture.js";

export { ETH };

/** Errors raised by Solady inside the Waterfall (raw selectors, so not in the Waterfall ABI). */
export const SOLADY_ERRORS = ["error ETHTransferFailed()", "error TransferFailed()", "error Reentrancy()"];

export async function deployWaterfallFactory(ethers: HardhatEthers) {
  const factory: any = await ethers.deployContract("WaterfallFactory");
  const implementation: any = await ethers.getContractAt("Waterfall", await factory.IMPLEMENTATION());
  return { factory, implementation };
}

export function configOf(token: Address, tranches: Tranche[], residual: Address, salt: Hex): WaterfallConfig {
  return { token, tranches, residual, salt };
}

/** Creates the Waterfall for `config` and returns it with its creation receipt and typed helpers. */
export async function createWaterfall(ethers: HardhatEthers, factory: any, config: WaterfallConfig) {
  const args = configArgs(config);
  const tx = await factory.createWaterfall(...args);
  const receipt = await tx.wait();
  const [address] = await factory.predictWaterfall(...args);
  const waterfall: any = await ethers.getContractAt("Waterfall", address);
  const soladyErrors = new ethers.Contract(address, SOLADY_ERRORS, ethers.provider);
  return {
    config,
    args,
    waterfall,
    tx,
    receipt,
    address: address as Address,
    soladyErrors,
    release: (index: number, overrides: object = {}) => waterfall.release(...args, index, overrides),
    releaseAll: (overrides: object = {}) => waterfall.releaseAll(...args, overrides),
    positions: async () => {
      const [received, released, owed] = await waterfall.positions(...args);
      return {
        received: received as bigint,
        released: [...released] as bigint[],
        owed: [...owed] as bigint[],
      };
    },
  };
}
