# Modul RSA sederhana (textbook RSA) untuk tugas chat UDP.
# Kunci dibuat dari dua bilangan prima kecil, lalu setiap karakter
# dienkripsi satu per satu: c = m^e mod n.

P = 61
Q = 53


def gcd(a, b):
    while b != 0:
        a, b = b, a % b
    return a


def mod_inverse(e, phi):
    # extended euclid
    old_r, r = e, phi
    old_s, s = 1, 0
    while r != 0:
        q = old_r // r
        old_r, r = r, old_r - q * r
        old_s, s = s, old_s - q * s
    return old_s % phi


def generate_keys(p=P, q=Q):
    n = p * q
    phi = (p - 1) * (q - 1)
    e = 17
    while gcd(e, phi) != 1:
        e += 2
    d = mod_inverse(e, phi)
    return (e, n), (d, n)


def encrypt(message, public_key):
    e, n = public_key
    # setiap karakter jadi satu angka, dipisah koma
    return ",".join(str(pow(ord(ch), e, n)) for ch in message)


def decrypt(ciphertext, private_key):
    d, n = private_key
    return "".join(chr(pow(int(c), d, n)) for c in ciphertext.split(","))
