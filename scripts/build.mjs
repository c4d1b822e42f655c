// `npm run build`: always builds, and stamps the build so `npm start` knows it is current.
import { ensureBuild } from "./build-state.mjs";

ensureBuild({ force: true });
