"""A person who chose German in their account hears the player in German: the page says
lang="de", every cue is captioned in German, and the voice asked for is the device's German
one, speaking German (utterance.lang)."""

from __future__ import annotations

from browserkit import choose_language

# Two voices on the device, English and German, recording what each is asked to say.
FAKE_VOICES = """
(() => {
  const spoken = [];
  const voices = [{localService: true, lang: 'en-GB', name: 'english'},
                  {localService: true, lang: 'de-DE', name: 'deutsch'}];
  Object.defineProperty(window, 'speechSynthesis', {configurable: true, value: {
    getVoices: () => voices, cancel: () => {}, addEventListener: () => {},
    speak: (u) => spoken.push([u.text, u.lang, u.voice && u.voice.name])}});
  window.SpeechSynthesisUtterance = function (text) { this.text = text; };
  window.spokenCues = spoken;
})();
"""


def test_the_player_speaks_the_account_s_language(phone, arrive):
    page = phone.new_page()
    page.add_init_script(FAKE_VOICES)
    arrive(phone, "gisela")
    choose_language(page, "de")
    assert page.locator("html").get_attribute("lang") == "de"
    page.goto("/today/player/")
    page.get_by_role("button", name="Workout starten").click()
    caption = page.locator("#caption").inner_text()
    assert caption.startswith("Bereit machen:"), caption
    spoken = page.evaluate("window.spokenCues")
    assert spoken and spoken[-1][0] == caption
    assert spoken[-1][1] == "de" and spoken[-1][2] == "deutsch"
