// The engine's atomic period folder (scripts/engine/folder.ts): its files are written by a writer thread
// while the engine builds the next ones, so these tests hold it to what a synchronous writer gave —
// the bytes as handed over, nothing left behind on failure or discard, a failure reported with its
// path — and to the bound on what it holds in memory while the writer is behind.
import { expect } from "chai";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TempFolder } from "../../scripts/engine/folder.ts";

describe("engine period folder (writer thread)", function () {
  let work: string;
  beforeEach(() => (work = mkdtempSync(join(tmpdir(), "gapless-folder-"))));
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it("test_commit_writesEveryFileAsHandedOver_viewsAndStringsIncluded", async function () {
    const folder = new TempFolder(join(work, "p"), false);
    // A view into a larger buffer: only the view is written, and the caller's buffer stays usable.
    const whole = new TextEncoder().encode("xxHELLOyy");
    const view = whole.subarray(2, 7);
    folder.write("a.txt", view);
    const owned = new TextEncoder().encode("owned"); // a whole buffer: the caller still holds it after
    folder.write("c.txt", owned);
    // Batched writes go out later: what the caller changes after write() must not reach the file.
    const reused = new TextEncoder().encode("first");
    folder.write("d.txt", reused);
    reused.set(new TextEncoder().encode("later"));
    folder.write("dir/sub/b.json", '{"é":"\u{1D11E}"}');
    folder.write("empty", new Uint8Array(0));
    for (let i = 0; i < 500; i++) folder.write(`statements/${i}.json`, `{"i":${i}}`);
    expect(new TextDecoder().decode(whole)).to.equal("xxHELLOyy");
    expect(new TextDecoder().decode(owned)).to.equal("owned");
    await folder.commit();
    const p = join(work, "p");
    expect(readFileSync(join(p, "a.txt"), "utf8")).to.equal("HELLO");
    expect(readFileSync(join(p, "dir/sub/b.json"), "utf8")).to.equal('{"é":"\u{1D11E}"}');
    expect(readFileSync(join(p, "c.txt"), "utf8")).to.equal("owned");
    expect(readFileSync(join(p, "d.txt"), "utf8")).to.equal("first");
    expect(readFileSync(join(p, "empty")).length).to.equal(0);
    expect(readdirSync(join(p, "statements")).length).to.equal(500);
    expect(readFileSync(join(p, "statements/499.json"), "utf8")).to.equal('{"i":499}');
    expect(readdirSync(work)).to.deep.equal(["p"]); // the temporary sibling is gone
  });

  it("test_flush_putsEveryFileOnDiskBeforeItResolves", async function () {
    const folder = new TempFolder(join(work, "p"), false);
    for (let i = 0; i < 300; i++) folder.write(`f/${i}`, new Uint8Array(1000).fill(i % 256));
    await folder.flush();
    // The engine hashes files it wrote from disk after a flush: they must all be there, whole.
    for (let i = 0; i < 300; i++)
      expect(readFileSync(join(folder.path, `f/${i}`))).to.deep.equal(Buffer.alloc(1000, i % 256));
    await folder.discard();
  });

  it("test_pendingBytes_neverExceedTheBound_whenTheWriterIsBehind", async function () {
    const bound = 64 * 1024;
    const folder = new TempFolder(join(work, "p"), false, { maxPendingBytes: bound });
    const file = 10 * 1024;
    for (let i = 0; i < 400; i++) folder.write(`f/${i}.bin`, new Uint8Array(file).fill(7));
    // A file larger than the bound on its own still goes through (alone).
    folder.write("big.bin", new Uint8Array(5 * bound).fill(9));
    await folder.commit();
    expect(folder.peakPendingBytes).to.be.at.most(5 * bound);
    expect(folder.peakPendingBytes).to.be.greaterThan(0);
    // Without the big file, the peak stays within the bound: a second folder with only the small files.
    const small = new TempFolder(join(work, "q"), false, { maxPendingBytes: bound });
    for (let i = 0; i < 400; i++) small.write(`f/${i}.bin`, new Uint8Array(file).fill(7));
    await small.commit();
    expect(small.peakPendingBytes).to.be.at.most(bound);
    expect(readdirSync(join(work, "q", "f")).length).to.equal(400);
    expect(readFileSync(join(work, "p", "big.bin")).length).to.equal(5 * bound);
  });

  it("test_RevertWhen_aWriteFails_itsPathIsNamedAndNothingIsCommitted", async function () {
    const folder = new TempFolder(join(work, "p"), false);
    folder.write("a", "file");
    folder.write("a/b.json", "cannot: a is a file"); // ENOTDIR (or EEXIST) in the writer thread
    let error: Error | undefined;
    try {
      for (let i = 0; i < 100; i++) folder.write(`later/${i}`, "x"); // may already see the failure
      await folder.commit();
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).to.match(/a\/b\.json/);
    await folder.discard();
    expect(existsSync(join(work, "p"))).to.equal(false);
    expect(readdirSync(work)).to.deep.equal([]);
  });

  it("test_discard_withWritesPending_leavesNothingBehind", async function () {
    const folder = new TempFolder(join(work, "p"), false);
    for (let i = 0; i < 3000; i++) folder.write(`s/${i}.json`, new Uint8Array(2000));
    await folder.discard();
    expect(readdirSync(work)).to.deep.equal([]);
    // The writer thread is stopped: nothing reappears after a while.
    await new Promise((r) => setTimeout(r, 200));
    expect(readdirSync(work)).to.deep.equal([]);
  });

  it("test_RevertWhen_targetExists_unlessForced_andForceReplacesIt", async function () {
    const target = join(work, "p");
    writeFileSync(join(work, "marker"), "");
    const first = new TempFolder(target, false);
    first.write("old.txt", "old");
    await first.commit();
    expect(() => new TempFolder(target, false)).to.throw(/exists \(use --force/);
    const second = new TempFolder(target, true);
    second.write("new.txt", "new");
    await second.commit();
    expect(readdirSync(target)).to.deep.equal(["new.txt"]);
    expect(readdirSync(work).sort()).to.deep.equal(["marker", "p"]);
  });
});
