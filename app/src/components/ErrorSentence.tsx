// An error as the sentence lib/chain/errors.ts writes for it (a module of its own: the error map carries every ABI,
// which the first page does not need until something fails).
import { explainError } from "../../../lib/chain/errors.ts";
import { SAY } from "../lib/format.ts";

export default function ErrorSentence({ error }: { error: unknown }) {
  return <span className="error">{explainError(error, SAY)}</span>;
}
