import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { expect, it, vi } from "vitest";
import ConfirmDialog from "./ConfirmDialog.svelte";

function show(destructive?: boolean) {
  const onconfirm = vi.fn();
  const oncancel = vi.fn();
  render(ConfirmDialog, {
    title: "Restore this backup?",
    message: "The backup holds 12 creators.",
    confirmLabel: "Restore backup",
    destructive,
    onconfirm,
    oncancel,
  });
  return { onconfirm, oncancel };
}

it("is red for an answer that destroys data, and focuses the safe answer", () => {
  show();
  expect(screen.getByRole("button", { name: "Restore backup" })).toHaveClass("danger");
  expect(screen.getByRole("button", { name: "Cancel" })).toHaveFocus();
});

it("uses the accent button when nothing is destroyed", () => {
  show(false);
  const confirm = screen.getByRole("button", { name: "Restore backup" });
  expect(confirm).toHaveClass("primary");
  expect(confirm).not.toHaveClass("danger");
});

it("means no on Escape", async () => {
  const { onconfirm, oncancel } = show(false);
  await userEvent.keyboard("{Escape}");
  expect(oncancel).toHaveBeenCalled();
  expect(onconfirm).not.toHaveBeenCalled();
});
