/*
 * lossbook site script, bundled by esbuild into assets/site.js (assets.ts)
 * and loaded as a module on every page. One module per role; the search
 * engine (MiniSearch and the index) loads on first use.
 */
import { startTheme } from "./theme";
import { startPlots } from "./plots";
import { trackOutline } from "./outline";
import { startScrollRegions } from "./scroll-regions";
import { startCopyButtons } from "./copy";
import { startSearch } from "./search";
import { startShortcuts } from "./shortcuts";
import { startPrint } from "./print";
import { startLanguageSwitch } from "./language-switch";

startTheme();
startCopyButtons();
startPlots();
trackOutline();
startScrollRegions();
startSearch();
startShortcuts();
startPrint();
startLanguageSwitch();
