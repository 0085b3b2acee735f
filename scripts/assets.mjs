/** Files the desk reads at run time, copied beside the built code (bundle.mjs). */
export const ASSETS = ['src/nlp/model', 'src/nlp/knowledge-sample', 'connectors/webchat/public'];
