// `npm run audit` on a period published over HTTP: the folder is fetched by the names its own files
// give (lib/'s fetchFolder, the browser auditor's code) and the checks equal the on-disk audit's.
import { expect } from "chai";
import { createServer, type Server } from "node:http";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, normalize } from "node:path";
import { auditPeriod } from "../../scripts/engine/audit-period.ts";
import { Progress } from "../../scripts/engine/progress.ts";
import { runEngine } from "../../scripts/engine/run.ts";
import { randomPeriod, writePeriodCsv } from "./engine.helpers.ts";

describe("audit over HTTP", function () {
  this.timeout(60_000);
  let dir: string;
  let server: Server;
  let url: string;
  const requests: string[] = [];
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "engine-audit-http-"));
    for (let k = 0; k < 2; k++) {
      const files = writePeriodCsv(join(dir, `in${k}`), randomPeriod(71, k));
      await runEngine({
        ...files,
        period: `p${k}`,
        out: join(dir, "pub", `p${k}`),
        previous: k > 0 ? join(dir, "pub", "p0") : undefined,
        progress: new Progress(false),
      });
    }
    server = createServer((req, res) => {
      const path = normalize(decodeURIComponent(new URL(req.url!, "http://x").pathname));
      requests.push(path);
      try {
        res.end(readFileSync(join(dir, "pub", path)));
      } catch {
        res.statusCode = 404;
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  after(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it("test_auditOverHttp_passesWithTheSameChecksAsOnDisk_andReadsThePreviousSibling", async () => {
    const overHttp = await auditPeriod({ folder: `${url}/p1` });
    const onDisk = await auditPeriod({ folder: join(dir, "pub", "p1") });
    expect(overHttp.ok, JSON.stringify(overHttp.checks)).to.equal(true);
    expect(overHttp.checks).to.deep.equal(onDisk.checks);
    expect(requests).to.include("/p0/manifest.json");
    expect(requests.some((r) => r.startsWith("/p1/statements/"))).to.equal(true);
  });

  it("test_auditOverHttp_missingFile_failsNamingItsUrl", async () => {
    rmSync(join(dir, "pub", "p1", "statements.csv"));
    let error: Error | undefined;
    await auditPeriod({ folder: `${url}/p1/` }).catch((e: Error) => (error = e));
    expect(error?.message).to.equal(`${url}/p1/statements.csv: HTTP 404`);
  });
});
