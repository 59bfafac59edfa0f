// The app shell: providers, navigation, lazily loaded pages (the first page stays small), and an error
// boundary so a failure is shown, never a blank page.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { Component, StrictMode, Suspense, lazy, type ReactNode } from "react";
import { createRoot } from "react-dom/client";
import { WagmiProvider } from "wagmi";
import { WalletButton, WrongChainBanner } from "./components/Wallet.tsx";
import { config } from "./config.ts";
import { Link, useLocation } from "./router.tsx";

const pages: Record<string, ReturnType<typeof lazy>> = {
  "/": lazy(() => import("./pages/HomePage.tsx")),
  "/artist": lazy(() => import("./pages/ArtistPage.tsx")),
  "/subscribe": lazy(() => import("./pages/SubscribePage.tsx")),
  "/platform": lazy(() => import("./pages/PlatformPage.tsx")),
  "/audit": lazy(() => import("./pages/AuditPage.tsx")),
};

class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  render() {
    if (this.state.error)
      return (
        <div className="error" role="alert">
          This page failed: {this.state.error.message}. Is the local chain running (npm start)?{" "}
          <button onClick={() => this.setState({ error: null })}>Retry</button>
        </div>
      );
    return this.props.children;
  }
}

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
});

function App() {
  const { path } = useLocation();
  const Page = pages[path] ?? pages["/"];
  const nav = [
    ["/artist", "Artist"],
    ["/subscribe", "Subscribe"],
    ["/platform", "Platform"],
    ["/audit", "Auditor"],
  ];
  return (
    <>
      <header>
        <Link to="/" className="brand">
          Gapless
        </Link>
        {nav.map(([to, label]) => (
          <Link key={to} to={to} className={path === to ? "active" : ""}>
            {label}
          </Link>
        ))}
        <span className="spacer" />
        <WalletButton />
      </header>
      <WrongChainBanner />
      <main>
        <ErrorBoundary key={path}>
          <Suspense fallback={<p className="muted">Loading…</p>}>
            <Page />
          </Suspense>
        </ErrorBoundary>
      </main>
    </>
  );
}

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <WagmiProvider config={config}>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </WagmiProvider>
  </StrictMode>,
);
