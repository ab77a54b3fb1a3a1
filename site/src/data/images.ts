/**
 * How a photograph in site/art is fitted to each device class. Drawings (SVG) keep their own aspect ratio
 * and need none of this. Change a photo's framing here, by its image name (its file name without extension).
 */
export interface PhotoSettings {
  /** "cover" crops the photo to the frame; "contain" shows all of it inside the frame, on white. */
  fit: 'cover' | 'contain';
  /** The frame's width : height; without one the photo keeps its own aspect ratio. */
  aspect?: readonly [number, number];
}

/** Product pictures sit in the cards' 4:5 frame (`.card-image` in styles/products.css), like the drawings. */
export const defaultPhotoSettings: PhotoSettings = { fit: 'cover', aspect: [4, 5] };

/** Per image: whatever differs from the default. */
export const photoSettings: Readonly<Record<string, Partial<PhotoSettings>>> = {
  // The homepage picture spans the page: 16:9, as the drawing is.
  hero: { aspect: [16, 9] },
};

export function photoSettingsFor(name: string): PhotoSettings {
  return { ...defaultPhotoSettings, ...photoSettings[name] };
}
