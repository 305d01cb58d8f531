// HTML character references for CLIP's text cleaning (html.unescape): a subset of the WHATWG named-entity table.
// Values are the WHATWG/Python `html.entities.html5` characters; the legacy names also match without a semicolon.

/** Names that HTML5 (and Python's html.unescape) also accept without the trailing ';' (the HTML 4 Latin-1 set). */
export const LEGACY_ENTITIES: Readonly<Record<string, string>> = {
  Aacute: '\u00c1', aacute: '\u00e1', Acirc: '\u00c2', acirc: '\u00e2', acute: '\u00b4', AElig: '\u00c6',
  aelig: '\u00e6', Agrave: '\u00c0', agrave: '\u00e0', AMP: '&', amp: '&', Aring: '\u00c5', aring: '\u00e5',
  Atilde: '\u00c3', atilde: '\u00e3', Auml: '\u00c4', auml: '\u00e4', brvbar: '\u00a6', Ccedil: '\u00c7',
  ccedil: '\u00e7', cedil: '\u00b8', cent: '\u00a2', COPY: '\u00a9', copy: '\u00a9', curren: '\u00a4', deg: '\u00b0',
  divide: '\u00f7', Eacute: '\u00c9', eacute: '\u00e9', Ecirc: '\u00ca', ecirc: '\u00ea', Egrave: '\u00c8',
  egrave: '\u00e8', ETH: '\u00d0', eth: '\u00f0', Euml: '\u00cb', euml: '\u00eb', frac12: '\u00bd', frac14: '\u00bc',
  frac34: '\u00be', GT: '>', gt: '>', Iacute: '\u00cd', iacute: '\u00ed', Icirc: '\u00ce', icirc: '\u00ee',
  iexcl: '\u00a1', Igrave: '\u00cc', igrave: '\u00ec', iquest: '\u00bf', Iuml: '\u00cf', iuml: '\u00ef',
  laquo: '\u00ab', LT: '<', lt: '<', macr: '\u00af', micro: '\u00b5', middot: '\u00b7', nbsp: '\u00a0',
  not: '\u00ac', Ntilde: '\u00d1', ntilde: '\u00f1', Oacute: '\u00d3', oacute: '\u00f3', Ocirc: '\u00d4',
  ocirc: '\u00f4', Ograve: '\u00d2', ograve: '\u00f2', ordf: '\u00aa', ordm: '\u00ba', Oslash: '\u00d8',
  oslash: '\u00f8', Otilde: '\u00d5', otilde: '\u00f5', Ouml: '\u00d6', ouml: '\u00f6', para: '\u00b6',
  plusmn: '\u00b1', pound: '\u00a3', QUOT: '"', quot: '"', raquo: '\u00bb', REG: '\u00ae', reg: '\u00ae',
  sect: '\u00a7', shy: '\u00ad', sup1: '\u00b9', sup2: '\u00b2', sup3: '\u00b3', szlig: '\u00df', THORN: '\u00de',
  thorn: '\u00fe', times: '\u00d7', Uacute: '\u00da', uacute: '\u00fa', Ucirc: '\u00db', ucirc: '\u00fb',
  Ugrave: '\u00d9', ugrave: '\u00f9', uml: '\u00a8', Uuml: '\u00dc', uuml: '\u00fc', Yacute: '\u00dd',
  yacute: '\u00fd', yen: '\u00a5', yuml: '\u00ff',
};

/**
 * Semicolon-terminated names beyond the legacy set that turn up in prompts (typography, arrows, Greek). Any other
 * named reference is left as written, which differs from Python only for these rarer names.
 */
export const SEMICOLON_ENTITIES: Readonly<Record<string, string>> = {
  apos: '\u0027', hellip: '\u2026', mdash: '\u2014', ndash: '\u2013', lsquo: '\u2018', rsquo: '\u2019',
  sbquo: '\u201a', ldquo: '\u201c', rdquo: '\u201d', bdquo: '\u201e', bull: '\u2022', trade: '\u2122',
  euro: '\u20ac', dagger: '\u2020', Dagger: '\u2021', permil: '\u2030', prime: '\u2032', Prime: '\u2033',
  lsaquo: '\u2039', rsaquo: '\u203a', oline: '\u203e', larr: '\u2190', rarr: '\u2192', uarr: '\u2191',
  darr: '\u2193', harr: '\u2194', hearts: '\u2665', spades: '\u2660', clubs: '\u2663', diams: '\u2666',
  infin: '\u221e', ne: '\u2260', le: '\u2264', ge: '\u2265', asymp: '\u2248', minus: '\u2212', emsp: '\u2003',
  ensp: '\u2002', thinsp: '\u2009', zwnj: '\u200c', zwj: '\u200d', lrm: '\u200e', rlm: '\u200f', OElig: '\u0152',
  oelig: '\u0153', Scaron: '\u0160', scaron: '\u0161', Yuml: '\u0178', fnof: '\u0192', circ: '\u02c6',
  tilde: '\u02dc', star: '\u2606', starf: '\u2605', check: '\u2713', cross: '\u2717', sum: '\u2211', prod: '\u220f',
  radic: '\u221a', Alpha: '\u0391', Beta: '\u0392', Gamma: '\u0393', Delta: '\u0394', Epsilon: '\u0395',
  Zeta: '\u0396', Eta: '\u0397', Theta: '\u0398', Iota: '\u0399', Kappa: '\u039a', Lambda: '\u039b', Mu: '\u039c',
  Nu: '\u039d', Xi: '\u039e', Omicron: '\u039f', Pi: '\u03a0', Rho: '\u03a1', Sigma: '\u03a3', Tau: '\u03a4',
  Upsilon: '\u03a5', Phi: '\u03a6', Chi: '\u03a7', Psi: '\u03a8', Omega: '\u03a9', alpha: '\u03b1', beta: '\u03b2',
  gamma: '\u03b3', delta: '\u03b4', epsilon: '\u03b5', zeta: '\u03b6', eta: '\u03b7', theta: '\u03b8',
  iota: '\u03b9', kappa: '\u03ba', lambda: '\u03bb', mu: '\u03bc', nu: '\u03bd', xi: '\u03be', omicron: '\u03bf',
  pi: '\u03c0', rho: '\u03c1', sigma: '\u03c3', tau: '\u03c4', upsilon: '\u03c5', phi: '\u03c6', chi: '\u03c7',
  psi: '\u03c8', omega: '\u03c9', sigmaf: '\u03c2',
};
