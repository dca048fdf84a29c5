// The external file upload flow: get an upload URL, send the bytes there, complete the upload
// into a channel — once through WebClient's filesUploadV2 and once step by step.
import { ErrorCode, LogLevel, WebClient, type WebAPIPlatformError } from "@slack/web-api";
import { afterEach, describe, expect, it } from "vitest";
import { createManualClock, createSlackStandIn, type SlackStandIn } from "../../src/slack-stand-in/index.js";

let standIn: SlackStandIn | undefined;

afterEach(async () => {
  await standIn?.stop();
  standIn = undefined;
});

async function setUp() {
  const clock = createManualClock(Date.UTC(2025, 2, 3, 9, 0, 0));
  standIn = createSlackStandIn({ clock: clock.now });
  await standIn.start();
  const ws = standIn.workspace;
  const client = new WebClient(standIn.botToken, { slackApiUrl: standIn.url, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR });
  const sales = ws.addChannel({ name: "sales" });
  const secret = ws.addChannel({ name: "secret", isPrivate: true, botIsMember: false });
  return { ws, client, sales, secret };
}

async function slackError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const platform = error as WebAPIPlatformError;
    expect(platform.code).toBe(ErrorCode.PlatformError);
    return platform.data.error;
  }
  throw new Error("expected the call to fail");
}

const CSV = "rep,attainment\nAna Ruiz,0.72\nBo Lind,0.64\n";

describe("file uploads", () => {
  it("filesUploadV2 stores the bytes and shares them into the channel with a message", async () => {
    const { client, ws, sales } = await setUp();
    const result = await client.filesUploadV2({ channel_id: sales.id, content: CSV, filename: "attainment.csv", title: "Attainment", initial_comment: "Week 10" });
    expect(result.ok).toBe(true);

    const [file] = ws.files();
    expect(file).toMatchObject({ filename: "attainment.csv", title: "Attainment", mimetype: "text/csv", size: Buffer.byteLength(CSV) });
    expect(ws.file(file!.id)?.bytes?.toString("utf8")).toBe(CSV);

    const [message] = ws.messages(sales.id);
    expect(message).toMatchObject({ text: "Week 10", fileIds: [file!.id], via: "files.completeUploadExternal" });
    expect(ws.file(file!.id)?.shares).toEqual([{ channel: sales.id, ts: message!.ts }]);

    const history = await client.conversations.history({ channel: sales.id });
    expect(history.messages?.[0]?.files?.[0]).toMatchObject({ id: file!.id, name: "attainment.csv", title: "Attainment" });
  });

  it("accepts raw bytes at the upload URL and answers OK with the size", async () => {
    const { client, ws, sales } = await setUp();
    const bytes = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff]);
    const ticket = await client.files.getUploadURLExternal({ filename: "plan.pdf", length: bytes.length });
    expect(ticket.upload_url).toMatch(new RegExp(`^${standIn!.origin}/upload/v1/${ticket.file_id}/`));

    const upload = await fetch(ticket.upload_url!, { method: "POST", body: bytes });
    expect(upload.status).toBe(200);
    expect(await upload.text()).toBe(`OK - ${bytes.length}`);

    const completed = await client.files.completeUploadExternal({ files: [{ id: ticket.file_id!, title: "Comp plan" }], channel_id: sales.id });
    expect(completed.files).toEqual([{ id: ticket.file_id, title: "Comp plan" }]);
    expect(ws.file(ticket.file_id!)?.bytes?.equals(bytes)).toBe(true);
    expect(ws.file(ticket.file_id!)?.mimetype).toBe("application/pdf");
  });

  it("refuses to complete a file that was never uploaded, or into a channel it cannot post to", async () => {
    const { client, ws, sales, secret } = await setUp();
    const ticket = await client.files.getUploadURLExternal({ filename: "a.txt", length: 3 });
    expect(await slackError(client.files.completeUploadExternal({ files: [{ id: ticket.file_id! }], channel_id: sales.id }))).toBe("file_not_found");
    await fetch(ticket.upload_url!, { method: "POST", body: "abc" });
    expect(await slackError(client.files.completeUploadExternal({ files: [{ id: ticket.file_id! }], channel_id: secret.id }))).toBe("not_in_channel");
    expect(await slackError(client.files.completeUploadExternal({ files: [{ id: ticket.file_id! }], channel_id: "C404" }))).toBe("invalid_channel");
    expect(ws.messages(sales.id)).toEqual([]);
  });

  it("keeps a completed file private when no channel is given", async () => {
    const { client, ws } = await setUp();
    const ticket = await client.files.getUploadURLExternal({ filename: "note.txt", length: 2 });
    await fetch(ticket.upload_url!, { method: "POST", body: "hi" });
    await client.files.completeUploadExternal({ files: [{ id: ticket.file_id! }] });
    expect(ws.file(ticket.file_id!)).toMatchObject({ shares: [], completedAt: expect.any(Number) });
    const again = await fetch(ticket.upload_url!, { method: "POST", body: "hi" });
    expect(again.status).toBe(404);
  });
});
