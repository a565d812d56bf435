// The counting proxy is shared test support now (`packages/testing`): the fleet's tests count with it too.
export { type CountingProxy, startCountingProxy, type Tally } from "@crmod-cti/testing"
