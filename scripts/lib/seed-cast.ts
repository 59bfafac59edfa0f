// The demo's cast: who is who on the local chain. Dev accounts are Hardhat's well-known keys (never use
// them on a real network); the 500 seeded fans are derived addresses the seed impersonates.
import { keccak256, toHex, type Address } from "viem";
import { mnemonicToAccount } from "viem/accounts";

/** Hardhat's default mnemonic: the node's 20 unlocked accounts. */
export const DEV_MNEMONIC = "test test test test test test test test test test test junk";

export const devAccount = (index: number) => mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index });
export const devAddress = (index: number): Address => devAccount(index).address;

export const PLATFORM = 0;
export const AUDITOR = 1;
/** Solo artists with a dev key (accounts #2, #6..#9) and the band members behind a Split (#3..#5). */
export const SOLO_ARTIST_ACCOUNTS = [2, 6, 7, 8, 9];
export const BAND_MEMBER_ACCOUNTS = [3, 4, 5];
export const BAND_SHARES = [40n, 30n, 30n];
/** Dev accounts left unsubscribed so a visitor (or the e2e test) can subscribe as a fan. */
export const FREE_FAN_ACCOUNTS = [10, 11, 12, 13, 14, 15, 16, 17, 18, 19];

const NAMES = [
  "Nova Reyes",
  "The Lanterns",
  "Kai Okafor",
  "Mira Lind",
  "Dusk Parade",
  "Jun Sato",
  "Ola Brandt",
  "Velvet Static",
  "Ama Mensah",
  "Río Claro",
  "Pale Harbor",
  "Tess Quinn",
  "Lumen Twins",
  "Yara Haddad",
  "North of Nine",
  "Eli Moreau",
  "Saffron Sky",
  "Bo Lindqvist",
  "Glass Orchard",
  "Ines Duarte",
];

export interface DemoArtist {
  id: string;
  name: string;
  /** Dev account index, undefined for the band (paid through its Split) and keyless artists. */
  account?: number;
  isBand: boolean;
}

export function demoArtists(): DemoArtist[] {
  return NAMES.map((name, i) => ({
    id: `a${String(i + 1).padStart(2, "0")}`,
    name,
    account: i === 0 ? 2 : i >= 2 && i <= 5 ? SOLO_ARTIST_ACCOUNTS[i - 1] : undefined,
    isBand: i === 1,
  }));
}

/** A keyless address derived from a label (the seed impersonates it). */
export const derivedAddress = (label: string): Address =>
  `0x${keccak256(toHex(`gapless-demo:${label}`)).slice(-40)}` as Address;

export const fanAddress = (i: number) => derivedAddress(`fan:${i}`);
