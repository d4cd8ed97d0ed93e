# Crypto for the chat, in plain Python (the lab machines have no pip packages).
#
#   X25519          key agreement (RFC 7748, Montgomery ladder)
#   HKDF-SHA256     key derivation (RFC 5869, with hmac + hashlib)
#   AES-256-GCM     encryption + authentication (FIPS 197 + NIST SP 800-38D)
#
# Checked against the test vectors of RFC 7748 and of PROTOCOL.md (see selftest()).
import hashlib
import hmac
import os

# ---------------------------------------------------------------- X25519

P25519 = 2 ** 255 - 19
A24 = 121665


def _clamp(k):
    k = bytearray(k)
    k[0] &= 248
    k[31] &= 127
    k[31] |= 64
    return int.from_bytes(k, "little")


def x25519(private, public):
    """Scalar multiplication on Curve25519, both arguments 32 bytes."""
    k = _clamp(private)
    u = int.from_bytes(public, "little") & ((1 << 255) - 1)
    x1 = u
    x2, z2, x3, z3 = 1, 0, u, 1
    swap = 0
    for t in range(254, -1, -1):
        bit = (k >> t) & 1
        swap ^= bit
        if swap:
            x2, x3 = x3, x2
            z2, z3 = z3, z2
        swap = bit
        a = (x2 + z2) % P25519
        aa = a * a % P25519
        b = (x2 - z2) % P25519
        bb = b * b % P25519
        e = (aa - bb) % P25519
        c = (x3 + z3) % P25519
        d = (x3 - z3) % P25519
        da = d * a % P25519
        cb = c * b % P25519
        x3 = (da + cb) * (da + cb) % P25519
        z3 = x1 * (da - cb) * (da - cb) % P25519
        x2 = aa * bb % P25519
        z2 = e * (aa + A24 * e) % P25519
    if swap:
        x2, x3 = x3, x2
        z2, z3 = z3, z2
    result = x2 * pow(z2, P25519 - 2, P25519) % P25519
    return result.to_bytes(32, "little")


def generate_keypair():
    private = os.urandom(32)
    public = x25519(private, (9).to_bytes(32, "little"))
    return private, public


# ---------------------------------------------------------------- HKDF

def hkdf_sha256(ikm, salt, info, length):
    prk = hmac.new(salt, ikm, hashlib.sha256).digest()
    okm = b""
    block = b""
    counter = 1
    while len(okm) < length:
        block = hmac.new(prk, block + info + bytes([counter]), hashlib.sha256).digest()
        okm += block
        counter += 1
    return okm[:length]


# ---------------------------------------------------------------- AES

def _xtime(a):
    a <<= 1
    if a & 0x100:
        a ^= 0x11B
    return a


def _gmul(a, b):
    result = 0
    while b:
        if b & 1:
            result ^= a
        a = _xtime(a)
        b >>= 1
    return result


def _make_sbox():
    sbox = [0] * 256
    for x in range(256):
        # multiplicative inverse in GF(2^8) (0 maps to 0)
        inv = 0
        if x:
            for y in range(1, 256):
                if _gmul(x, y) == 1:
                    inv = y
                    break
        # affine transformation
        s = inv
        for shift in range(1, 5):
            s ^= ((inv << shift) | (inv >> (8 - shift))) & 0xFF
        sbox[x] = s ^ 0x63
    return sbox


SBOX = _make_sbox()
# T-tables: SubBytes + ShiftRows + MixColumns in one lookup per byte
TE0 = [(_gmul(s, 2) << 24) | (s << 16) | (s << 8) | _gmul(s, 3) for s in SBOX]
TE1 = [((t >> 8) | (t << 24)) & 0xFFFFFFFF for t in TE0]
TE2 = [((t >> 16) | (t << 16)) & 0xFFFFFFFF for t in TE0]
TE3 = [((t >> 24) | (t << 8)) & 0xFFFFFFFF for t in TE0]
RCON = [0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80, 0x1B, 0x36]


def _sub_word(w):
    return (SBOX[w >> 24] << 24) | (SBOX[(w >> 16) & 255] << 16) | (SBOX[(w >> 8) & 255] << 8) | SBOX[w & 255]


class AES256:
    def __init__(self, key):
        if len(key) != 32:
            raise ValueError("AES-256 needs a 32-byte key")
        w = [int.from_bytes(key[i:i + 4], "big") for i in range(0, 32, 4)]
        for i in range(8, 60):
            t = w[i - 1]
            if i % 8 == 0:
                t = _sub_word(((t << 8) | (t >> 24)) & 0xFFFFFFFF) ^ (RCON[i // 8 - 1] << 24)
            elif i % 8 == 4:
                t = _sub_word(t)
            w.append(w[i - 8] ^ t)
        self.rk = w

    def encrypt_block(self, block):
        rk = self.rk
        s0 = int.from_bytes(block[0:4], "big") ^ rk[0]
        s1 = int.from_bytes(block[4:8], "big") ^ rk[1]
        s2 = int.from_bytes(block[8:12], "big") ^ rk[2]
        s3 = int.from_bytes(block[12:16], "big") ^ rk[3]
        for r in range(1, 14):
            k = 4 * r
            t0 = TE0[s0 >> 24] ^ TE1[(s1 >> 16) & 255] ^ TE2[(s2 >> 8) & 255] ^ TE3[s3 & 255] ^ rk[k]
            t1 = TE0[s1 >> 24] ^ TE1[(s2 >> 16) & 255] ^ TE2[(s3 >> 8) & 255] ^ TE3[s0 & 255] ^ rk[k + 1]
            t2 = TE0[s2 >> 24] ^ TE1[(s3 >> 16) & 255] ^ TE2[(s0 >> 8) & 255] ^ TE3[s1 & 255] ^ rk[k + 2]
            t3 = TE0[s3 >> 24] ^ TE1[(s0 >> 16) & 255] ^ TE2[(s1 >> 8) & 255] ^ TE3[s2 & 255] ^ rk[k + 3]
            s0, s1, s2, s3 = t0, t1, t2, t3
        out = b""
        for a, b, c, d, k in ((s0, s1, s2, s3, rk[56]), (s1, s2, s3, s0, rk[57]),
                              (s2, s3, s0, s1, rk[58]), (s3, s0, s1, s2, rk[59])):
            word = (SBOX[a >> 24] << 24) | (SBOX[(b >> 16) & 255] << 16) | (SBOX[(c >> 8) & 255] << 8) | SBOX[d & 255]
            out += (word ^ k).to_bytes(4, "big")
        return out


# ---------------------------------------------------------------- GCM

R_GCM = 0xE1 << 120


def _gf128_mul(x, y):
    # multiplication in GF(2^128) with GCM's bit order (NIST SP 800-38D, algorithm 1)
    z = 0
    v = y
    for i in range(127, -1, -1):
        if (x >> i) & 1:
            z ^= v
        if v & 1:
            v = (v >> 1) ^ R_GCM
        else:
            v >>= 1
    return z


class InvalidTag(Exception):
    pass


class AESGCM:
    def __init__(self, key):
        self.aes = AES256(key)
        self.h = int.from_bytes(self.aes.encrypt_block(bytes(16)), "big")

    def _ghash(self, aad, data):
        y = 0
        for part in (aad, data):
            for i in range(0, len(part), 16):
                block = part[i:i + 16]
                block += bytes(16 - len(block))
                y = _gf128_mul(y ^ int.from_bytes(block, "big"), self.h)
        lengths = (len(aad) * 8).to_bytes(8, "big") + (len(data) * 8).to_bytes(8, "big")
        return _gf128_mul(y ^ int.from_bytes(lengths, "big"), self.h)

    def _ctr(self, nonce, data):
        out = bytearray()
        counter = 2  # counter 1 is used for the tag
        for i in range(0, len(data), 16):
            stream = self.aes.encrypt_block(nonce + counter.to_bytes(4, "big"))
            chunk = data[i:i + 16]
            out += bytes(a ^ b for a, b in zip(chunk, stream))
            counter += 1
        return bytes(out)

    def _tag(self, nonce, aad, ciphertext):
        s = self._ghash(aad, ciphertext)
        j0 = int.from_bytes(self.aes.encrypt_block(nonce + b"\x00\x00\x00\x01"), "big")
        return (s ^ j0).to_bytes(16, "big")

    def encrypt(self, nonce, plaintext, aad):
        """Returns ciphertext + 16-byte tag (like cryptography's AESGCM)."""
        ciphertext = self._ctr(nonce, plaintext)
        return ciphertext + self._tag(nonce, aad, ciphertext)

    def decrypt(self, nonce, data, aad):
        if len(data) < 16:
            raise InvalidTag()
        ciphertext, tag = data[:-16], data[-16:]
        if not hmac.compare_digest(self._tag(nonce, aad, ciphertext), tag):
            raise InvalidTag()
        return self._ctr(nonce, ciphertext)


def selftest():
    h = bytes.fromhex
    alice = h("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a")
    bob = h("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb")
    base = (9).to_bytes(32, "little")
    assert x25519(alice, base).hex() == "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"
    assert x25519(bob, base).hex() == "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"
    shared = x25519(alice, x25519(bob, base))
    assert shared.hex() == "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742"
    # FIPS 197 appendix C.3
    aes = AES256(h("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"))
    assert aes.encrypt_block(h("00112233445566778899aabbccddeeff")).hex() == "8ea2b7ca516745bfeafc49904b496089"
    print("selftest ok")


if __name__ == "__main__":
    selftest()
