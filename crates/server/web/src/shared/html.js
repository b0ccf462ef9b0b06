// Preact with htm: `html` tagged templates build components' elements; text is always inserted as text.

import htm from "htm";
import { h } from "preact";

export const html = htm.bind(h);
export { render } from "preact";
export { useCallback, useEffect, useMemo, useReducer, useRef, useState } from "preact/hooks";
