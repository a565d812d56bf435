import { CtiCommandPath } from "@crmod-cti/servlet-urls"

/** The CTICommand servlet below CRM On Demand's base URL (`/OnDemand`). */
export const CtiCommandServletPath = `/OnDemand${CtiCommandPath}`
