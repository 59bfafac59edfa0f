// The app's build: `npm run app:build` (after scripts/generate/abis.ts), served by `npm start`.
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  worker: { format: "es" },
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 1000, reportCompressedSize: true },
  server: { fs: { allow: [".."] } },
});
