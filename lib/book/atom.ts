// A minimal Atom 1.0 (RFC 4287) feed writer, for the artist alerts and the fan renewal reminders.

export interface FeedEntry {
  id: string;
  title: string;
  updated: number;
  summary: string;
  link?: string;
}

const escape = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const iso = (t: number) => new Date(t * 1000).toISOString();

export function atomFeed(feed: { id: string; title: string; self: string; entries: FeedEntry[] }): string {
  const updated = feed.entries.reduce((m, e) => Math.max(m, e.updated), 0);
  const entries = feed.entries.map((e) =>
    [
      "  <entry>",
      `    <id>${escape(e.id)}</id>`,
      `    <title>${escape(e.title)}</title>`,
      `    <updated>${iso(e.updated)}</updated>`,
      e.link ? `    <link href="${escape(e.link)}"/>` : "",
      `    <summary>${escape(e.summary)}</summary>`,
      "  </entry>",
    ]
      .filter(Boolean)
      .join("\n"),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${escape(feed.id)}</id>`,
    `  <title>${escape(feed.title)}</title>`,
    `  <updated>${iso(updated)}</updated>`,
    `  <link rel="self" href="${escape(feed.self)}"/>`,
    ...entries,
    "</feed>",
    "",
  ].join("\n");
}
