import { describe, expect, it } from "vitest";
import { addressKey, clientAddressKey, FailureWindows } from "./auth-failure-limiter";

describe("addressKey", () => {
  it("keeps IPv4 addresses whole and folds IPv6 addresses to their /64", () => {
    expect(addressKey("192.0.2.7")).toBe("address:192.0.2.7");
    expect(addressKey("::ffff:192.0.2.7")).toBe("address:192.0.2.7");
    expect(addressKey("2001:db8:1:2:3:4:5:6")).toBe("address:2001:db8:1:2::/64");
    expect(addressKey("2001:db8:1:2::9")).toBe("address:2001:db8:1:2::/64");
    expect(addressKey("2001:0DB8:0001:0002:ffff::1")).toBe("address:2001:db8:1:2::/64");
    expect(addressKey("2001:db8::1")).toBe("address:2001:db8:0:0::/64");
    expect(addressKey("::1")).toBe("address:0:0:0:0::/64");
    expect(addressKey("fe80::1%eth0")).toBe("address:fe80:0:0:0::/64");
  });
});

describe("clientAddressKey", () => {
  it("keys a client id together with the address it was tried from, never alone", () => {
    expect(clientAddressKey("ABC", "192.0.2.7")).toBe("client:abc from 192.0.2.7");
    expect(clientAddressKey("abc", "2001:db8:1:2::9")).toBe("client:abc from 2001:db8:1:2::/64");
    expect(clientAddressKey("abc", "192.0.2.7")).not.toBe(clientAddressKey("abc", "192.0.2.8"));
  });
});

describe("FailureWindows", () => {
  it("blocks a key at its limit until a window from its first failure has passed", () => {
    const windows = new FailureWindows({ perClient: 3, perAddress: 5, windowSeconds: 60, alertPerClient: 50 });
    expect(windows.fail("client:a", 1_000)).toBeNull();
    expect(windows.fail("client:a", 2_000)).toBeNull();
    expect(windows.fail("client:a", 3_000)).toBe(61_000);
    expect(windows.fail("address:x", 3_000)).toBeNull();
    // A new window after the first one ended.
    expect(windows.fail("client:a", 61_000)).toBeNull();
  });
});
