// typescript-eslint over all TypeScript, plus the layout's import rule: app → lib and scripts → lib,
// never app → scripts, and lib (shared with the browser) imports neither app, scripts nor Node built-ins.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const fromScripts = {
  group: ["**/scripts/**"],
  message: "app and lib never import scripts/: move shared code to lib/.",
};
const fromApp = { group: ["**/app/**", "**/app/src/**"], message: "lib never imports the app." };

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      "artifacts/**",
      "cache/**",
      "coverage/**",
      "types/**",
      "app/dist/**",
      "app/src/generated/**",
      "lib/chain/abis.ts",
      "lib/chain/keccak.ts",
      "ignition/deployments/**",
      "bench/out/**",
      "test-artifacts/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js}"],
    languageOptions: { ecmaVersion: 2023, sourceType: "module" },
    rules: {
      // Decoded logs and multicall results are untyped at the viem boundary; `any` is allowed there.
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-empty": ["error", { allowEmptyCatch: true }],
    },
  },
  {
    // No L2 provider serves logs from block 0: history starts at the contract's deploy block, in bounded ranges.
    files: ["app/**/*.{ts,tsx}", "lib/**/*.ts", "scripts/**/*.ts", "indexer/**/*.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "Property[key.name='fromBlock'] > Literal[bigint='0']",
          message: "History starts at the deploy block (deployBlock / deployments/<chainId>.blocks.json), never at 0.",
        },
      ],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: [fromScripts] }] },
  },
  {
    files: ["lib/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [fromScripts, fromApp, { group: ["node:*"], message: "lib/ runs in the browser too." }] },
      ],
    },
  },
);
