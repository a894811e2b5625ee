// While a voicemail plays, its section stops following live updates (a swap would cut the recording off);
// it follows again, and catches up at the next change, once playback pauses or ends.
(function () {
  function section(audio) { return audio.closest('[data-live-paused-topic], [data-live-topic]'); }
  document.addEventListener('play', (e) => {
    if (!(e.target instanceof HTMLAudioElement)) return;
    const s = section(e.target);
    if (s && s.dataset.liveTopic) { s.dataset.livePausedTopic = s.dataset.liveTopic; delete s.dataset.liveTopic; }
  }, true);
  function resume(e) {
    if (!(e.target instanceof HTMLAudioElement)) return;
    const s = section(e.target);
    if (s && s.dataset.livePausedTopic) { s.dataset.liveTopic = s.dataset.livePausedTopic; delete s.dataset.livePausedTopic; }
  }
  document.addEventListener('pause', resume, true);
  document.addEventListener('ended', resume, true);
})();
