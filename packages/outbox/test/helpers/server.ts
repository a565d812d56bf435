import { type CrmServer, startCrmServer } from "@crmod-cti/testing"

/**
 * The CRM side without the sign-in lockout: the emulator counts a user's concurrent first requests as failed
 * attempts until one of them has verified the password, and locks the user (the outbox sends several requests at
 * once from its first moment). The lockout is not what these tests are about; a refused password still is.
 */
export const startServer = (): Promise<CrmServer> => startCrmServer({ emulator: { lockout: false } })
