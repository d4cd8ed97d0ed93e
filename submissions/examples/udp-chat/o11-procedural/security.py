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

A session is a dict {"enc": key, "mac": key}.
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
RC4_DROP = 256


# ------------------------------------------------------------ Diffie-Hellman
def dh_keypair():
    """Returns (private exponent, public value as bytes)."""
    private = secrets.randbelow(DH_PRIME - 3) + 2     # 2 <= x <= p-2
    public = pow(DH_GENERATOR, private, DH_PRIME)
    return private, public.to_bytes(DH_BYTES, "big")


def dh_shared_secret(private, other_public):
    """The shared secret from our private exponent and the other side's public value.
    Returns None when the other value is not a valid public value."""
    value = int.from_bytes(other_public, "big")
    if len(other_public) != DH_BYTES or not 2 <= value <= DH_PRIME - 2:
        return None
    return pow(value, private, DH_PRIME).to_bytes(DH_BYTES, "big")


# ------------------------------------------------------------------------ RC4
def rc4_keystream(key, length):
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) & 0xFF
        s[i], s[j] = s[j], s[i]
    i = j = 0
    out = bytearray(length)
    for k in range(RC4_DROP + length):
        i = (i + 1) & 0xFF
        j = (j + s[i]) & 0xFF
        s[i], s[j] = s[j], s[i]
        if k >= RC4_DROP:
            out[k - RC4_DROP] = s[(s[i] + s[j]) & 0xFF]
    return bytes(out)


def rc4_crypt(key, data):
    """Encrypts or decrypts (the same XOR both ways)."""
    if not data:
        return b""
    stream = rc4_keystream(key, len(data))
    mixed = int.from_bytes(data, "big") ^ int.from_bytes(stream, "big")
    return mixed.to_bytes(len(data), "big")


# -------------------------------------------------------------------- session
def new_session(shared_secret):
    return {
        "enc": hashlib.sha256(b"chat-encryption" + shared_secret).digest(),
        "mac": hashlib.sha256(b"chat-integrity" + shared_secret).digest(),
    }


def _tag(session, data):
    return hmac.new(session["mac"], data, hashlib.sha256).digest()


def _packet_key(session, nonce):
    return hashlib.sha256(session["enc"] + nonce).digest()


def seal(session, header, plaintext):
    """header | nonce | RC4(plaintext) | HMAC(all of it)."""
    nonce = os.urandom(NONCE_SIZE)
    body = header + nonce + rc4_crypt(_packet_key(session, nonce), plaintext)
    return body + _tag(session, body)


def open_sealed(session, packet, header_size):
    """Checks the tag and decrypts. Returns None when the tag does not match
    (the datagram was corrupted or tampered with)."""
    if len(packet) < header_size + NONCE_SIZE + TAG_SIZE:
        return None
    body, tag = packet[:-TAG_SIZE], packet[-TAG_SIZE:]
    if not hmac.compare_digest(tag, _tag(session, body)):
        return None
    nonce = body[header_size:header_size + NONCE_SIZE]
    return rc4_crypt(_packet_key(session, nonce), body[header_size + NONCE_SIZE:])


def seal_ack(session, header):
    return header + _tag(session, header)[:ACK_TAG_SIZE]


def open_ack(session, packet, header_size):
    """Returns the header, or None when the tag does not match."""
    header, tag = packet[:header_size], packet[header_size:]
    if len(tag) != ACK_TAG_SIZE or not hmac.compare_digest(tag, _tag(session, header)[:ACK_TAG_SIZE]):
        return None
    return header
