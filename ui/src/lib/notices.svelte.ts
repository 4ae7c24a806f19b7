// Short-lived messages at the bottom of the window: "Saved", or what went wrong.

export type Notice = { id: number; tone: "success" | "error"; text: string };

let nextId = 1;
export const notices = $state<Notice[]>([]);

const SHOW_MS = { success: 3500, error: 8000 };

export function notify(tone: Notice["tone"], text: string): void {
  const notice = { id: nextId++, tone, text };
  notices.push(notice);
  setTimeout(() => dismiss(notice.id), SHOW_MS[tone]);
}

export function dismiss(id: number): void {
  const index = notices.findIndex((n) => n.id === id);
  if (index >= 0) notices.splice(index, 1);
}
