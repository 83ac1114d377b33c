import ClassicalCrypto

/// Short hex previews of secret or public bytes, for teaching output.
public enum HexPreview {
  /// The first `bytes` bytes of `data` in lowercase hex, followed by "…" when there is more.
  public static func prefix(_ data: [UInt8], bytes: Int = 8) -> String {
    let shown = data.prefix(max(0, bytes)).map { byte in
      let s = String(byte, radix: 16)
      return s.count == 1 ? "0" + s : s
    }.joined()
    return shown + (data.count > bytes ? "…" : "")
  }

  /// The first bytes of a key. Printing key bits is for teaching only: a real system never
  /// shows them.
  public static func keyPrefix(_ key: BitVector, bytes: Int = 8) -> String {
    prefix(key.bytes, bytes: bytes)
  }
}
