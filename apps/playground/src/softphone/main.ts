import "./softphone.css"
import { mountSoftphone } from "./Softphone.js"

// The workspace page holds `<aside id="softphone">` beside the CRM frame; the softphone fills it.
const root = document.getElementById("softphone")
if (root !== null) mountSoftphone(root, document)
