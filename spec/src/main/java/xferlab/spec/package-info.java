/**
 * The spec as data: the requirements catalogue ({@link xferlab.spec.Catalogue}) and
 * the wire examples ({@link xferlab.spec.WireExample}), read from the files the
 * rendered spec is made of, so code and text cannot disagree.
 */
package xferlab.spec;
