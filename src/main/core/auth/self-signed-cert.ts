/**
 * A self-signed X.509 certificate for 127.0.0.1, written in DER by hand (Node can parse and check
 * certificates but not issue them). It is an end-entity certificate (not a CA), valid for one IP
 * address and server authentication only: whoever trusts it can be made to trust nothing else.
 */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign,
} from 'node:crypto'

// DER: tag, length, contents.
function der(tag: number, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts)
  const n = body.length
  let len: Buffer
  if (n < 0x80) len = Buffer.from([n])
  else if (n < 0x100) len = Buffer.from([0x81, n])
  else if (n < 0x10000) len = Buffer.from([0x82, n >> 8, n & 0xff])
  else throw new Error('DER value too long')
  return Buffer.concat([Buffer.from([tag]), len, body])
}

const seq = (...parts: Buffer[]) => der(0x30, ...parts)
const set = (...parts: Buffer[]) => der(0x31, ...parts)
const explicit = (n: number, inner: Buffer) => der(0xa0 + n, inner)
const octets = (b: Buffer) => der(0x04, b)
const bits = (b: Buffer) => der(0x03, Buffer.from([0]), b)
const utf8 = (s: string) => der(0x0c, Buffer.from(s, 'utf8'))
const bool = (v: boolean) => der(0x01, Buffer.from([v ? 0xff : 0]))

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number)
  const bytes = [40 * a + b]
  for (const n of rest) {
    const chunk = [n & 0x7f]
    for (let v = Math.floor(n / 128); v > 0; v = Math.floor(v / 128))
      chunk.unshift(0x80 | (v & 0x7f))
    bytes.push(...chunk)
  }
  return der(0x06, Buffer.from(bytes))
}

/** A positive INTEGER from unsigned big-endian bytes. */
function uint(b: Buffer): Buffer {
  return der(0x02, b[0] & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b)
}

/**
 * A serial number from random bytes that DER encodes in exactly those bytes: positive (top bit
 * clear) and minimal (first byte not zero). A zero first byte followed by a byte under 0x80 is a
 * padded INTEGER, which OpenSSL refuses when the certificate is loaded ("illegal padding") — that
 * was one certificate in 256.
 */
export function certificateSerial(random: Buffer): Buffer {
  const serial = Buffer.from(random)
  serial[0] = (serial[0] & 0x7f) | 0x40
  return serial
}

/** UTCTime up to 2049, GeneralizedTime after (RFC 5280 §4.1.2.5). */
function time(d: Date): Buffer {
  const iso = d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z'
  return d.getUTCFullYear() < 2050
    ? der(0x17, Buffer.from(iso.slice(2)))
    : der(0x18, Buffer.from(iso))
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return critical ? seq(oid(id), bool(true), octets(value)) : seq(oid(id), octets(value))
}

const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2'

export interface SelfSignedCert {
  keyPem: string
  certPem: string
}

export interface CertOptions {
  commonName: string
  /** IPv4 address the certificate names (its only subject alternative name). */
  ip: string
  validDays: number
  now?: Date
}

export function createSelfSignedCert(opts: CertOptions): SelfSignedCert {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const octetsOfIp = Buffer.from(opts.ip.split('.').map(Number))
  if (octetsOfIp.length !== 4 || opts.ip.split('.').some((p) => !/^\d{1,3}$/.test(p) || +p > 255))
    throw new Error(`not an IPv4 address: ${opts.ip}`)
  const now = opts.now ?? new Date()
  // An hour of slack for clocks that disagree a little.
  const notBefore = new Date(now.getTime() - 3600_000)
  const notAfter = new Date(now.getTime() + opts.validDays * 86_400_000)
  const name = seq(set(seq(oid('2.5.4.3'), utf8(opts.commonName))))
  const algorithm = seq(oid(ECDSA_WITH_SHA256))
  const extensions = seq(
    extension('2.5.29.19', true, seq()), // basicConstraints: not a CA
    extension('2.5.29.15', true, der(0x03, Buffer.from([7, 0x80]))), // keyUsage: digitalSignature
    extension('2.5.29.37', false, seq(oid('1.3.6.1.5.5.7.3.1'))), // extKeyUsage: serverAuth
    extension('2.5.29.17', false, seq(der(0x87, octetsOfIp))), // subjectAltName: iPAddress
  )
  const serial = certificateSerial(randomBytes(16))
  const tbs = seq(
    explicit(0, der(0x02, Buffer.from([2]))), // v3
    uint(serial),
    algorithm,
    name,
    seq(time(notBefore), time(notAfter)),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, extensions),
  )
  const signature = sign('sha256', tbs, privateKey) // DER Ecdsa-Sig-Value
  const cert = seq(tbs, algorithm, bits(signature))
  const pem = (label: string, body: Buffer) =>
    `-----BEGIN ${label}-----\n${body
      .toString('base64')
      .match(/.{1,64}/g)!
      .join('\n')}\n-----END ${label}-----\n`
  return {
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    certPem: pem('CERTIFICATE', cert),
  }
}

/** The key of a PEM pair still matches (a hand-edited or half-written pair is replaced). */
export function keyMatchesCert(keyPem: string, certPublicKeyPem: string): boolean {
  const fromKey = createPublicKey(createPrivateKey(keyPem)).export({ type: 'spki', format: 'pem' })
  return fromKey.toString() === certPublicKeyPem
}
