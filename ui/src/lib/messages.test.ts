import { describe, expect, it } from "vitest";
import { languageName, mailtoLink } from "./messages";

describe("mailtoLink", () => {
  it("encodes what would cut the link short and sends line breaks as CRLF", () => {
    expect(mailtoLink("mara@example.com", "Fee & dates? 100%", "Hi Mara,\nthanks")).toBe(
      "mailto:mara@example.com?subject=Fee%20%26%20dates%3F%20100%25&body=Hi%20Mara%2C%0D%0Athanks",
    );
  });

  it("leaves the address to the mail app when there is none", () => {
    expect(mailtoLink(null, "Hello", "")).toBe("mailto:?subject=Hello&body=");
  });
});

describe("languageName", () => {
  it("names the languages Partnerly writes in and shows others by code", () => {
    expect(languageName("de")).toBe("German");
    expect(languageName("ro")).toBe("RO");
  });
});
