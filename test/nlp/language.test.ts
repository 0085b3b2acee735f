import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { detectLanguage } from '../../src/nlp/language.js';

describe('language', () => {
  it('short English comes out en', () => {
    for (const t of [
      'where is my parcel',
      'Hi',
      'thanks!',
      'call me back',
      'My order has not arrived yet',
      'refund pls',
      'oops wrong number sorry!',
      'wifi extender keeps dropping out every hour',
    ])
      assert.equal(detectLanguage(t).language, 'en', t);
  });

  it('short Chinese comes out zh, also with Latin letters and digits mixed in', () => {
    for (const t of [
      '你好',
      '退款',
      '在吗？',
      '我的订单 12345 到哪了',
      '我的order还没到',
      'App 打不开',
      '谢谢',
    ])
      assert.equal(detectLanguage(t).language, 'zh', t);
  });

  it('English with one Chinese name stays English', () => {
    assert.equal(
      detectLanguage('Hi, this is 王小明 asking about my order, it has not arrived').language,
      'en',
    );
  });

  it('other scripts map to their BCP-47 primary tags', () => {
    assert.equal(detectLanguage('注文はいつ届きますか').language, 'ja');
    assert.equal(detectLanguage('주문이 아직 안 왔어요').language, 'ko');
    assert.equal(detectLanguage('Где мой заказ? Он ещё не пришёл.').language, 'ru');
    assert.equal(
      detectLanguage("Bonjour, je n'ai toujours pas reçu ma commande, pouvez-vous vérifier s'il vous plaît ?")
        .language,
      'fr',
    );
    assert.equal(
      detectLanguage('Hola, todavía no he recibido mi pedido. ¿Pueden revisarlo, por favor?').language,
      'es',
    );
  });

  it('text too short or without letters falls back to the customer language, else und', () => {
    assert.equal(detectLanguage('12345', 'zh').language, 'zh');
    assert.equal(detectLanguage('👍', 'en').language, 'en');
    assert.equal(detectLanguage('👍').language, 'und');
    assert.equal(detectLanguage('ok', 'zh').language, 'zh');
  });
});

describe('language on short messages in other Latin-script languages', () => {
  // franc alone reads these as Portuguese, Galician, Catalan or Norwegian.
  const cases: [string, string][] = [
    ['Où est ma commande ?', 'fr'],
    ['Merci beaucoup !', 'fr'],
    ['¿Dónde está mi pedido?', 'es'],
    ['Quiero cancelar mi pedido', 'es'],
    ['Vielen Dank!', 'de'],
    ['Der Artikel ist kaputt', 'de'],
    ['Onde está meu pedido?', 'pt'],
    ['Fui cobrado duas vezes', 'pt'],
  ];
  for (const [text, lang] of cases)
    it(`${JSON.stringify(text)} is ${lang}`, () => assert.equal(detectLanguage(text).language, lang));

  it('short English stays English', () => {
    for (const t of ['no worries', 'Where is my order?', 'cancel my order', 'price?', 'thanks so much!'])
      assert.equal(detectLanguage(t).language, 'en', t);
  });
});
