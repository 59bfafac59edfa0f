// Campaign ids (uint32 on-chain) and their names in the demo; shared by the seed and the app.
export const CAMPAIGNS: Record<string, string> = {
  "0": "direct link",
  "1": "album launch",
  "2": "tour",
  "3": "holiday",
};

export const campaignName = (id: string | number) => CAMPAIGNS[String(id)] ?? `campaign ${id}`;
