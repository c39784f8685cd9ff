import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';

const XSD = readFileSync(join(__dirname, '..', 'fixtures', 'torznab', 'torznab.xsd'), 'utf8');

/**
 * torznab.xsd declares only `torznab:attr`; this envelope lets libxml2 (compiled to wasm) check
 * any caps, feed or error document against it: the roots are `anyType`, whose lax wildcard
 * validates every element that has a declaration, so each `torznab:attr` name must be one the
 * schema lists.
 */
const ENVELOPE = `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:import namespace="http://torznab.com/schemas/2015/feed" schemaLocation="torznab.xsd"/>
  <xs:element name="rss" type="xs:anyType"/>
  <xs:element name="caps" type="xs:anyType"/>
  <xs:element name="error" type="xs:anyType"/>
</xs:schema>`;

/** The schema errors of a document; empty when it is valid. */
export async function torznabSchemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: 'document.xml', contents: xml }],
    schema: [{ fileName: 'envelope.xsd', contents: ENVELOPE }],
    preload: [{ fileName: 'torznab.xsd', contents: XSD }],
  });
  return result.errors.map((e) => e.message);
}
