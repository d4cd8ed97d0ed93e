"""Encryption and integrity for the chat.

1. Key agreement: textbook Diffie-Hellman over the 2048-bit MODP group of
   RFC 3526 (group 14). Client and server each pick a secret exponent, swap
   g^x mod p in the handshake, and both end up with the same shared secret.
   (Not authenticated: a man in the middle could run two handshakes. A real
   app would sign the server's value; we only do the course's scope.)
2. Confidentiality: RC4, written by hand below. UDP loses and reorders
   datagrams, so one RC4 stream for the whole session would fall out of step.
   Every datagram therefore gets a fresh random nonce and its own RC4 key
   SHA-256(session key + nonce), and the first 256 bytes of keystream are
   thrown away (RC4-drop, the first bytes of RC4 are biased).
3. Integrity: HMAC-SHA256 over the whole datagram (header, nonce and
   ciphertext). A flipped bit anywhere gives another tag, and the receiver
   drops the datagram and says so.
"""
import hashlib
import hmac
import os
import secrets

# RFC 3526, 2048-bit MODP Group (group 14), generator 2
DH_PRIME = int(
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD1"
    "29024E088A67CC74020BBEA63B139B22514A08798E3404DD"
    "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245"
    "E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3D"
    "C2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F"
    "83655D23DCA3AD961C62F356208552BB9ED529077096966D"
    "670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9"
    "DE2BCBF6955817183995497CEA956AE515D2261898FA0510"
    "15728E5A8AACAA68FFFFFFFFFFFFFFFF",
    16,
)
DH_GENERATOR = 2
DH_BYTES = 256          # 2048 bits

NONCE_SIZE = 8
TAG_SIZE = 32           # full HMAC-SHA256 on data datagrams
ACK_TAG_SIZE = 8        # acks only carry a sequence number: a short tag is enough


class IntegrityError(Exception):
    """A datagram whose HMAC does not match: corrupted or tampered with on the way."""


class DiffieHellman:
    """One side of a Diffie-Hellman key agreement."""

    def __init__(self):
        self.private = secrets.randbelow(DH_PRIME - 3) + 2     # 2 <= x <= p-2
        self.public = pow(DH_GENERATOR, self.private, DH_PRIME)

    def public_bytes(self):
        return self.public.to_bytes(DH_BYTES, "big")

    def shared_secret(self, other_public):
        """The shared secret from the other side's public value (bytes)."""
        value = int.from_bytes(other_public, "big")
        if len(other_public) != DH_BYTES or not 2 <= value <= DH_PRIME - 2:
            raise ValueError("not a valid Diffie-Hellman public value")
        return pow(value, self.private, DH_PRIME).to_bytes(DH_BYTES, "big")


class RC4:
    """RC4 stream cipher (key scheduling + pseudo-random generation)."""

    DROP = 256

    def __init__(self, key):
        s = list(range(256))
        j = 0
        for i in range(256):
            j = (j + s[i] + key[i % len(key)]) & 0xFF
            s[i], s[j] = s[j], s[i]
        self.s = s
        self.i = 0
        self.j = 0
        self.keystream(self.DROP)

    def keystream(self, length):
        s, i, j = self.s, self.i, self.j
        out = bytearray(length)
        for k in range(length):
            i = (i + 1) & 0xFF
            j = (j + s[i]) & 0xFF
            s[i], s[j] = s[j], s[i]
            out[k] = s[(s[i] + s[j]) & 0xFF]
        self.i, self.j = i, j
        return bytes(out)

    def crypt(self, data):
        """Encrypts or decrypts (the same XOR both ways)."""
        if not data:
            return b""
        stream = self.keystream(len(data))
        mixed = int.from_bytes(data, "big") ^ int.from_bytes(stream, "big")
        return mixed.to_bytes(len(data), "big")


class SecureSession:
    """The keys of one client-server session and how datagrams are sealed with them."""

    def __init__(self, shared_secret):
        self.enc_key = hashlib.sha256(b"chat-encryption" + shared_secret).digest()
        self.mac_key = hashlib.sha256(b"chat-integrity" + shared_secret).digest()

    def _tag(self, data):
        return hmac.new(self.mac_key, data, hashlib.sha256).digest()

    def _cipher(self, nonce):
        return RC4(hashlib.sha256(self.enc_key + nonce).digest())

    def seal(self, header, plaintext):
        """header | nonce | RC4(plaintext) | HMAC(all of it)."""
        nonce = os.urandom(NONCE_SIZE)
        body = header + nonce + self._cipher(nonce).crypt(plaintext)
        return body + self._tag(body)

    def open(self, packet, header_size):
        """Checks the tag and decrypts. Raises IntegrityError when the tag does not match."""
        if len(packet) < header_size + NONCE_SIZE + TAG_SIZE:
            raise IntegrityError("datagram too short")
        body, tag = packet[:-TAG_SIZE], packet[-TAG_SIZE:]
        if not hmac.compare_digest(tag, self._tag(body)):
            raise IntegrityError("HMAC mismatch")
        nonce = body[header_size:header_size + NONCE_SIZE]
        return self._cipher(nonce).crypt(body[header_size + NONCE_SIZE:])

    def seal_ack(self, header):
        return header + self._tag(header)[:ACK_TAG_SIZE]

    def open_ack(self, packet, header_size):
        header, tag = packet[:header_size], packet[header_size:]
        if len(tag) != ACK_TAG_SIZE or not hmac.compare_digest(tag, self._tag(header)[:ACK_TAG_SIZE]):
            raise IntegrityError("HMAC mismatch on an ack")
        return header
