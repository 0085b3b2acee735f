/**
 * The article's endpoint: POST /query {"query": "..."} answers which channel will respond,
 * with the classification and a drafted reply. Stateless: it stores nothing.
 */
import express, { type Express, type Request, type Response } from 'express';
import { classificationOutput, DRAFT_CHANNEL_FOR, replyLanguage } from '../core/model.js';
import type { Classifier, Drafter } from '../core/ports.js';

export const QUERY_BODY_LIMIT = '16kb';
const MAX_QUERY_CHARS = 5_000;

export function mountQueryRoute(app: Express, nlp: { classifier: Classifier; drafter: Drafter }): void {
  app.post(
    '/query',
    express.json({ limit: QUERY_BODY_LIMIT, type: () => true }),
    async (req: Request, res: Response) => {
      const body: unknown = req.body;
      const raw =
        body && typeof body === 'object' && !Array.isArray(body)
          ? ((body as Record<string, unknown>).query ?? (body as Record<string, unknown>).text)
          : undefined;
      if (typeof raw !== 'string' || raw.trim() === '') {
        res
          .status(400)
          .json({ error: 'Send JSON like {"query": "your question"}: "query" must be a non-empty string.' });
        return;
      }
      if (raw.length > MAX_QUERY_CHARS) {
        res.status(413).json({ error: `"query" is longer than ${MAX_QUERY_CHARS} characters.` });
        return;
      }
      const text = raw.trim();
      const c = await nlp.classifier.classify(text);
      const [draft, message] = await Promise.all([
        nlp.drafter.draft({ text, classification: c, channel: DRAFT_CHANNEL_FOR[c.recommendedChannel] }),
        nlp.drafter.channelMessage(c.recommendedChannel, replyLanguage(c)),
      ]);
      res.json({
        ...classificationOutput(c),
        reply: draft.text,
        message,
      });
    },
  );
}
