import { useEffect, useId, useState } from 'react';

/** A QR code of `text` as a data: URL (the CSP allows data: images), or null while it is drawn. */
function useQrCode(text: string): string | null {
  const [image, setImage] = useState<{ text: string; url: string } | null>(null);
  useEffect(() => {
    let current = true;
    // The QR encoder is its own chunk, loaded with the first link shown (the library is a first screen).
    import('qrcode').then(({ default: QRCode }) => QRCode.toDataURL(text, { errorCorrectionLevel: 'L', margin: 1, width: 168 }))
      .then((url) => { if (current) setImage({ text, url }); }, () => undefined);
    return () => { current = false; };
  }, [text]);
  return image?.text === text ? image.url : null;
}

/** One shareable link: the link itself, a one-click copy, and a QR code for people in the room. */
export function ShareLinkField({ label, hint, link }: { label: string; hint: string; link: string }) {
  const id = useId();
  const qr = useQrCode(link);
  const [copied, setCopied] = useState(false);
  const copy = () => {
    navigator.clipboard.writeText(link).then(() => setCopied(true), () => setCopied(false));
  };
  return (
    <div className="share-link">
      <div className="field share-link-text">
        <label htmlFor={id}>{label}</label>
        <div className="copy-field">
          <input id={id} className="input" readOnly value={link} onFocus={(event) => event.target.select()} />
          <button type="button" className="button" onClick={copy} aria-label={`Copy the ${label.toLowerCase()}`}>{copied ? 'Copied' : 'Copy'}</button>
        </div>
        <span className="field-hint muted">{hint}</span>
      </div>
      <figure className="share-qr">
        {qr ? <img src={qr} width={168} height={168} alt={`QR code of the ${label.toLowerCase()}`} /> : <span className="share-qr-placeholder" aria-hidden="true" />}
        <figcaption className="muted">Scan to open</figcaption>
      </figure>
    </div>
  );
}
