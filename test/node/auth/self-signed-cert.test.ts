import { createSecureContext } from 'node:tls'
import { X509Certificate } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  certificateSerial,
  createSelfSignedCert,
} from '../../../src/main/core/auth/self-signed-cert'

describe('self-signed hook certificate', () => {
  it('serial numbers are positive and minimally encoded whatever the random bytes', () => {
    for (const first of [0x00, 0x01, 0x7f, 0x80, 0xff]) {
      for (const second of [0x00, 0x7f, 0x80, 0xff]) {
        const random = Buffer.alloc(16, 0x11)
        random[0] = first
        random[1] = second
        const serial = certificateSerial(random)
        expect(serial.length).toBe(16)
        expect(serial[0] & 0x80).toBe(0) // positive: no 0x00 pad needed
        expect(serial[0]).not.toBe(0) // minimal: no leading zero byte
        expect(serial.subarray(1)).toEqual(random.subarray(1))
      }
    }
  })

  it('every certificate loads into a TLS context (a padded serial was refused one time in 256)', () => {
    for (let i = 0; i < 300; i++) {
      const { keyPem, certPem } = createSelfSignedCert({
        commonName: 'test',
        ip: '127.0.0.1',
        validDays: 30,
      })
      expect(() => createSecureContext({ key: keyPem, cert: certPem })).not.toThrow()
      expect(new X509Certificate(certPem).checkIP('127.0.0.1')).toBe('127.0.0.1')
    }
  })
})
