import { InsertResult, Interaction, MaxInteractionsPerRequest, WrapUpInteraction, WrapUpResult } from "@crmod-cti/core"
import { CtiActivityNamespace, CtiDataNamespace } from "./Namespaces.js"
import { inputElementOf, type Operation, Operations, outputElementOf, SoapActions } from "./Operations.js"
import { escapeXml } from "./internal/XmlEscape.js"
import { mergeXsdFields, xsdElement, xsdFieldsOf } from "./internal/XsdFields.js"

// Both requests share `ListOfInteraction` and both responses `ListOfActivity` (one global element each in the data
// namespace, as Oracle's WSDL has it), so each holds the fields of both operations.
const interactionFields = mergeXsdFields(xsdFieldsOf(Interaction), xsdFieldsOf(WrapUpInteraction))
const activityFields = mergeXsdFields(xsdFieldsOf(InsertResult), xsdFieldsOf(WrapUpResult))

// `xsd:all`: the chapter's own sample request lists its fields in another order than its table.
const list = (name: string, item: string, fields: typeof interactionFields) => [
  `      <xsd:element name="${name}" type="apData:${name}"/>`,
  `      <xsd:complexType name="${name}">`,
  "        <xsd:sequence>",
  `          <xsd:element name="${item}" type="apData:${item}" minOccurs="1" maxOccurs="${MaxInteractionsPerRequest}"/>`,
  "        </xsd:sequence>",
  "      </xsd:complexType>",
  `      <xsd:complexType name="${item}">`,
  "        <xsd:all>",
  ...fields.map((field) => `          ${xsdElement(field)}`),
  "        </xsd:all>",
  "      </xsd:complexType>",
]

const wrapper = (name: string, content: string) => [
  `      <xsd:element name="${name}">`,
  "        <xsd:complexType>",
  "          <xsd:sequence>",
  `            <xsd:element ref="apData:${content}"/>`,
  "          </xsd:sequence>",
  "        </xsd:complexType>",
  "      </xsd:element>",
]

const message = (name: string) => [
  `  <message name="${name}">`,
  `    <part name="${name}" element="tns:${name}"/>`,
  "  </message>",
]

const portTypeOperation = (operation: Operation) => [
  `    <operation name="${operation}">`,
  `      <input message="tns:${inputElementOf(operation)}"/>`,
  `      <output message="tns:${outputElementOf(operation)}"/>`,
  "    </operation>",
]

const bindingOperation = (operation: Operation) => [
  `    <operation name="${operation}">`,
  `      <soap:operation soapAction="${SoapActions[operation]}"/>`,
  '      <input><soap:body use="literal"/></input>',
  '      <output><soap:body use="literal"/></output>',
  "    </operation>",
]

const beforeAddress = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"',
  `    xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:tns="${CtiActivityNamespace}"`,
  `    xmlns:apData="${CtiDataNamespace}" targetNamespace="${CtiActivityNamespace}">`,
  "  <types>",
  `    <xsd:schema targetNamespace="${CtiActivityNamespace}" elementFormDefault="qualified" attributeFormDefault="unqualified">`,
  `      <xsd:import namespace="${CtiDataNamespace}"/>`,
  ...Operations.flatMap((operation) => [
    ...wrapper(inputElementOf(operation), "ListOfInteraction"),
    ...wrapper(outputElementOf(operation), "ListOfActivity"),
  ]),
  "    </xsd:schema>",
  `    <xsd:schema targetNamespace="${CtiDataNamespace}" elementFormDefault="qualified" attributeFormDefault="unqualified">`,
  ...list("ListOfInteraction", "Interaction", interactionFields),
  ...list("ListOfActivity", "Activity", activityFields),
  "    </xsd:schema>",
  "  </types>",
  ...Operations.flatMap((operation) => [...message(inputElementOf(operation)), ...message(outputElementOf(operation))]),
  '  <portType name="CTIActivity">',
  ...Operations.flatMap(portTypeOperation),
  "  </portType>",
  '  <binding name="CTIActivity" type="tns:CTIActivity">',
  '    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>',
  ...Operations.flatMap(bindingOperation),
  "  </binding>",
  '  <service name="CTIActivity">',
  '    <port name="CTIActivity" binding="tns:CTIActivity">',
].join("\n")

/**
 * The CTI Activity WSDL 1.1: the data schema of both namespaces (every element with its XSD type, length limit
 * and occurrence, generated from the core's schemas, like the codec), the messages, the port type, the SOAP 1.1
 * document/literal binding with the contract's `soapAction`s, and a service at `endpointUrl`.
 */
export const ctiActivityWsdl = (endpointUrl: string): string =>
  `${beforeAddress}\n      <soap:address location="${escapeXml(endpointUrl)}"/>\n    </port>\n  </service>\n</definitions>\n`
