import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { ApiError, api, toApiError } from ".";

afterEach(() => clearMocks());

describe("api", () => {
  it("passes arguments by name and returns the result", async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return null;
    });
    const result = await api.deleteInfluencer("1");
    expect(result).toBeNull();
    expect(calls).toEqual([["delete_influencer", { id: "1" }]]);
  });

  it("turns a command error into an ApiError with its fields", async () => {
    mockIPC(() => {
      throw { kind: "invalid_input", message: "Enter the creator's name.", fields: [{ field: "name", message: "Enter the creator's name." }] };
    });
    const error = await api.addInfluencer({ name: "", accounts: [], email: "", country: "", niches: [], notes: "" }).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.kind).toBe("invalid_input");
    expect(error.fieldMessage("name")).toBe("Enter the creator's name.");
    expect(error.fieldMessage("email")).toBeUndefined();
  });

  it("gives a readable message for errors that never reached the app", () => {
    const error = toApiError("Command add_influencer not allowed by ACL");
    expect(error.kind).toBe("storage");
    expect(error.message).toBe("Partnerly could not do that: Command add_influencer not allowed by ACL");
    expect(toApiError(undefined).message).toBe("Partnerly could not do that.");
  });
});
