// The WeChat copy page: "复制文章" puts the article on the clipboard as rich
// text (text/html, exactly the exported fragment) for pasting into the
// 公众号 editor. Where the asynchronous Clipboard API is missing or refused
// (an older browser, a page opened without a secure origin), the preview is
// selected and copied with execCommand, still with the fragment as
// text/html; when that fails too, the preview stays selected for Ctrl+C.
'use strict';

(function () {
  function select(el) {
    var range = document.createRange();
    range.selectNodeContents(el);
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }

  // The fragment with image addresses made absolute, as Chromium's
  // Clipboard API writes it.
  function resolved(el) {
    var copy = el.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll('img[src]'), function (img) {
      img.setAttribute('src', new URL(img.getAttribute('src'), document.baseURI).href);
    });
    return copy.innerHTML;
  }

  function copyBySelection(el) {
    var html = resolved(el);
    var written = false;
    function onCopy(e) {
      e.clipboardData.setData('text/html', html);
      e.clipboardData.setData('text/plain', el.innerText);
      e.preventDefault();
      written = true;
    }
    select(el);
    document.addEventListener('copy', onCopy);
    try {
      written = document.execCommand('copy') && written;
    } catch (err) {
      written = false;
    }
    document.removeEventListener('copy', onCopy);
    return written;
  }

  function copyByApi(el, html) {
    if (!navigator.clipboard || typeof window.ClipboardItem !== 'function') {
      return Promise.reject(new Error('no asynchronous clipboard'));
    }
    return navigator.clipboard.write([new window.ClipboardItem({
      'text/html': new Blob([html], { type: 'text/html' }),
      'text/plain': new Blob([el.innerText], { type: 'text/plain' })
    })]);
  }

  function copy(button) {
    var el = document.getElementById(button.getAttribute('data-copy'));
    var status = button.closest('.info').querySelector('.status');
    // Image addresses resolved against the page's base: Chromium would
    // resolve them against the page's own address, which differs on the
    // per-year pages.
    var html = resolved(el);
    status.textContent = '';
    copyByApi(el, html).then(function () {
      status.textContent = '已复制，请到公众号编辑器中粘贴。';
      button.setAttribute('data-copied', 'api');
    }, function () {
      if (copyBySelection(el)) {
        status.textContent = '已复制（选区方式），请到公众号编辑器中粘贴。';
        button.setAttribute('data-copied', 'selection');
      } else {
        select(el);
        status.textContent = '浏览器不允许自动复制：文章已选中，请按 Ctrl+C（Mac 上 ⌘C）。';
        button.setAttribute('data-copied', 'selected');
      }
    });
  }

  document.addEventListener('click', function (e) {
    var button = e.target.closest('button[data-copy]');
    if (button) {
      copy(button);
    }
  });

  document.addEventListener('change', function (e) {
    var box = e.target.closest('input[data-dark]');
    if (box) {
      document.getElementById(box.getAttribute('data-dark')).classList.toggle('dark', box.checked);
    }
  });
}());
