import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { stripBoilerplate } from '../../src/nlp/boilerplate.js';

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('stripBoilerplate (what the intent model does not see)', () => {
  it('drops an email greeting, sign-off, name, title and device footer', () => {
    const email =
      'Hello,\n\nCould you send me a price list for your catering menus?\n\nKind regards,\nDana Kim\nOffice Manager, Acme Ltd\nSent from my iPhone';
    assert.equal(squash(stripBoilerplate(email)), 'Could you send me a price list for your catering menus?');
  });

  it('drops voicemail fillers, the caller introduction and the call-back request with its number', () => {
    const vm =
      "yeah hi it's Dave from the garage um the wipers you fitted squeak like mad can you call me back on 07700 900123 cheers";
    assert.equal(squash(stripBoilerplate(vm)), 'the wipers you fitted squeak like mad');
  });

  it('drops "reply by email" / "text me" but keeps the request itself', () => {
    assert.equal(
      squash(stripBoilerplate('Is the blue kettle back in stock? Reply by email please')),
      'Is the blue kettle back in stock?',
    );
    assert.equal(squash(stripBoilerplate('whats the tracking no, text me thx')), 'whats the tracking no');
  });

  it('keeps thanks that are the message, and content that only looks like a sign-off', () => {
    assert.equal(stripBoilerplate('Just wanted to say thank you'), 'Just wanted to say thank you');
    assert.equal(
      stripBoilerplate('Thanks for the quick fix yesterday!'),
      'Thanks for the quick fix yesterday!',
    );
    assert.equal(
      squash(stripBoilerplate('My receipt shows the wrong amount of tax.')),
      'My receipt shows the wrong amount of tax.',
    );
    assert.equal(stripBoilerplate("it's broken again"), "it's broken again");
  });

  it('keeps a message that is nothing but a greeting or thanks', () => {
    assert.equal(stripBoilerplate('hello'), 'hello');
    assert.equal(stripBoilerplate('Thanks!'), 'Thanks!');
    assert.equal(stripBoilerplate('你好'), '你好');
  });

  it('drops Chinese openings, call-back requests and a closing 谢谢', () => {
    assert.equal(
      stripBoilerplate('喂，你好，我是王先生，包裹三天没动了，方便的话回个电话，谢谢！'),
      '包裹三天没动了，，',
    );
    // A promised call that never came is the complaint, not a request.
    assert.match(stripBoilerplate('上周说好给我回电话，结果一直没人打'), /回电话/);
  });
});

describe('stripBoilerplate: numbers given for the reply and quoted history', () => {
  it('drops a phone number offered for the reply, keeps "update my phone number"', () => {
    assert.equal(
      squash(stripBoilerplate('I want two trays of lasagne for Friday. My cell is 555 340 1298.')),
      'I want two trays of lasagne for Friday. .',
    );
    assert.equal(
      stripBoilerplate('I need to update my phone number on my account'),
      'I need to update my phone number on my account',
    );
    assert.doesNotMatch(stripBoilerplate('想订周五自提的千层面，手机号13720001234'), /手机号|\d/);
  });

  it('drops quoted history under a reply', () => {
    const reply =
      'Still no parcel.\n\nOn Mon, 3 May 2024, Shop <help@shop.test> wrote:\n> Your order has shipped\n> Thanks';
    assert.equal(stripBoilerplate(reply).trim(), 'Still no parcel.');
  });
});
