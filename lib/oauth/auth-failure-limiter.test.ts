import { describe, expect, it } from "vitest";
import { addressKey, addressKeys, clientAddressKey } from "./auth-failure-limiter";

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

  it("counts an IPv6 address against its /48 as well", () => {
    expect(addressKeys("2001:db8:1:2::9")).toEqual(["address:2001:db8:1:2::/64", "address:2001:db8:1::/48"]);
    expect(addressKeys("192.0.2.7")).toEqual(["address:192.0.2.7"]);
  });

  it("never throws on what is not an address, and reads ip:port as the ip", () => {
    for (const bad of ["1:2:3:4:5:6:7:8:9:10:11", "::1::2", "not an address", "", "1.2.3.4.5", "2001:db8::zzzz", "a".repeat(10_000)]) {
      expect(addressKeys(bad)).toEqual(["address:unparsed"]);
      expect(clientAddressKey("abc", bad)).toBe("client:abc from unparsed");
    }
    expect(addressKeys("192.0.2.7:443")).toEqual(["address:192.0.2.7"]);
    expect(addressKeys("[2001:db8:1:2::9]:443")[0]).toBe("address:2001:db8:1:2::/64");
    expect(addressKeys("::ffff:192.0.2.7")).toEqual(["address:192.0.2.7"]);
    expect(addressKeys("::192.0.2.7")[0]).toBe("address:0:0:0:0::/64");
  });
});

describe("clientAddressKey", () => {
  it("keys a client id together with the address it was tried from, never alone", () => {
    expect(clientAddressKey("ABC", "192.0.2.7")).toBe("client:abc from 192.0.2.7");
    // The exact address, so a neighbour on a shared /64 cannot lock the client out for it.
    expect(clientAddressKey("abc", "2001:db8:1:2::9")).toBe("client:abc from 2001:db8:1:2:0:0:0:9");
    expect(clientAddressKey("abc", "2001:db8:1:2::9")).not.toBe(clientAddressKey("abc", "2001:db8:1:2::a"));
    expect(clientAddressKey("abc", "2001:0db8:1:2:0::9")).toBe(clientAddressKey("abc", "2001:db8:1:2::9"));
    expect(clientAddressKey("abc", "192.0.2.7")).not.toBe(clientAddressKey("abc", "192.0.2.8"));
  });
});
