import { ImageResponse } from "next/og";

export const shareImageSize = { width: 1200, height: 630 };

/** The site's share card: eyebrow, big title, footer line. Plain flexbox because Satori supports only that. */
export function renderShareImage({ eyebrow, title, footer }: { eyebrow: string; title: string; footer: string }) {
  return new ImageResponse(
    <div
      style={{
        width: "100%",
        height: "100%",
        display: "flex",
        flexDirection: "column",
        justifyContent: "space-between",
        padding: 72,
        background: "#11141a",
        color: "#f6f7f9",
      }}
    >
      <div style={{ display: "flex", alignItems: "center", gap: 20 }}>
        <div
          style={{
            width: 64,
            height: 64,
            borderRadius: 12,
            background: "#1f6b55",
            display: "flex",
            alignItems: "center",
            justifyContent: "center",
            fontSize: 28,
            fontWeight: 700,
          }}
        >
          TA
        </div>
        <div style={{ fontSize: 30, color: "#7cc0a7" }}>{eyebrow}</div>
      </div>
      <div style={{ display: "flex", fontSize: title.length > 60 ? 60 : 76, fontWeight: 700, lineHeight: 1.1 }}>{title}</div>
      <div style={{ display: "flex", fontSize: 28, color: "#b0b8c7" }}>{footer}</div>
    </div>,
    shareImageSize,
  );
}
