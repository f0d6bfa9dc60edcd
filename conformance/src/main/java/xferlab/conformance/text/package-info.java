/**
 * One escaper per output format the suite writes: HTML, XML, CSV and AsciiDoc. Names,
 * octets and messages in reports come from students' programs, so every string that
 * reaches a report goes through the escaper of its format, and nowhere else.
 */
package xferlab.conformance.text;
