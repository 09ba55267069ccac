"""The voice-note fixtures: what each note says, who says it and how it is encoded.

``bench/make_audio_fixtures.py`` speaks every note with Debian's ``espeak-ng`` and encodes
it with PyAV into ``tests/fixtures/audio/``; ``bench/speech.py`` transcribes them and scores
the transcripts against ``text`` (word error rate) and against what the same sentence reads
as when typed (dates and party). ``TODAY`` is the date the sentences are read on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

TODAY = date(2026, 11, 3)


@dataclass(frozen=True)
class Note:
    """``name`` (file stem), ``text`` (what is said, as a guest would type it), ``voice``
    (an espeak-ng voice), ``speed`` (words per minute), ``kind`` (container/codec key of
    ``make_audio_fixtures.FORMATS``), ``noise`` (signal-to-noise ratio in dB, ``None``: clean)."""

    name: str
    text: str
    voice: str = "es-419"
    speed: int = 160
    kind: str = "ogg_opus"
    noise: float | None = None
    split: str = "tune"


_LONG_1 = ("Hola, ¿cómo estás? Te escribo porque vimos tus cabañas en Instagram y nos "
           "encantaron. Somos una familia, dos adultos y dos chicos, y estamos pensando en ir "
           "del quince al veinte de enero. ¿Tenés disponibilidad para esas fechas? También "
           "quería saber si aceptan mascotas, porque tenemos un perro chiquito, y cuánto sería "
           "la seña para reservar. Muchas gracias, espero tu respuesta.")
_LONG_2 = ("Buenas tardes, mi nombre es Carolina. Estamos organizando un viaje con unos amigos "
           "y queríamos saber si tienen lugar para seis personas del veintiséis al treinta de "
           "diciembre. Nos interesa una cabaña grande, con parrilla si es posible, y cerca del "
           "lago. Si me pasás el precio total con la limpieza te lo agradezco, así lo hablamos "
           "con el grupo y te confirmo hoy mismo.")
_LONG_3 = ("Hola, buen día. Te cuento, con mi marido queremos festejar nuestro aniversario y "
           "estamos buscando algo tranquilo para dos personas, del seis al nueve de febrero. "
           "Llegaríamos a la tarde, tipo cinco o seis. ¿Me decís cuánto sale y cómo se hace "
           "la reserva? Gracias, que tengas un lindo día.")

NOTES: tuple[Note, ...] = (
    Note("n01", "Hola, quiero reservar del diez al catorce de enero, somos dos personas."),
    Note("n02", "Buenas, ¿tenés lugar del quince al dieciocho de diciembre para cuatro "
                "personas?", voice="es-419+m3"),
    Note("n03", "Hola, ¿cuánto sale del veinte al veintitrés de febrero? Somos tres.",
         voice="es-419+f2", speed=150),
    Note("n04", "Queremos ir del primero al cinco de marzo, dos adultos y dos chicos.",
         voice="es"),
    Note("n05", "Hola, somos una pareja, queremos del doce al dieciséis de enero.",
         voice="es-419+f4", kind="m4a_aac"),
    Note("n06", "Necesito una cabaña del tres al ocho de abril para cinco personas.",
         speed=175),
    Note("n07", "Buen día, quería consultar del veintiocho de diciembre al dos de enero, "
                "vamos a ser cuatro.", voice="es+m1"),
    Note("n08", "Hola, ¿está libre del nueve al once de enero? Seríamos dos.",
         voice="es-419+m7", kind="mp3"),
    Note("n09", "Quiero reservar para tres personas del diecisiete al veintiuno de diciembre.",
         noise=20.0),
    Note("n10", "Del catorce al diecinueve de febrero, para dos adultos, ¿tienen lugar?",
         voice="es+f3", speed=145),
    Note("n11", "Hola, buenas tardes. Estamos buscando algo del seis al diez de marzo, somos "
                "cuatro.", voice="es-419+m2"),
    Note("n12", "¿Me pasás precio del veinticinco al treinta de enero para dos personas?",
         kind="amr"),
    Note("n13", "Somos cinco amigos, queremos ir del dos al seis de febrero.",
         voice="es-419+f1", noise=15.0),
    Note("n14", "Hola, quería saber si tienen disponible del trece al quince de diciembre, "
                "somos dos.", voice="es"),
    Note("n15", "Hola, vamos a ser seis personas, del veintidós al veintiséis de enero.",
         voice="es-419+m4", speed=170),
    Note("n16", "Quisiera reservar la cabaña del ocho al doce de diciembre para tres.",
         voice="es+m5"),
    Note("n17", "Buenas noches, ¿hay lugar del cuatro al siete de marzo? Seríamos dos "
                "adultos.", voice="es-419+f5"),
    Note("n18", "Hola, del dieciocho al veinte de diciembre, cuatro personas, ¿cuánto sería?",
         kind="m4a_aac", speed=150),
    Note("n19", "¿Tenés algo libre del veintisiete de febrero al tres de marzo para dos?",
         voice="es-419+m1"),
    Note("n20", "Hola, quiero reservar del dieciséis al diecinueve de enero, somos tres "
                "personas.", voice="es+f2", noise=20.0),
    Note("n21", "Somos dos, ¿del treinta de diciembre al dos de enero tenés lugar?",
         voice="es-419+m3", speed=145),
    Note("n22", "Hola, ¿qué tal? Quería consultar disponibilidad del cinco al nueve de "
                "febrero para cinco personas.", voice="es"),
    Note("n23", "Del veintiuno al veinticuatro de diciembre, dos personas, por favor.",
         voice="es-419+f3", kind="mp3"),
    Note("n24", "Buenas tardes, somos cuatro adultos y queremos del catorce al dieciocho de "
                "enero.", voice="es+m3"),
    Note("n25", "Hola, queremos reservar del once al quince de febrero, somos seis.",
         voice="es-419+m5", speed=170),
    Note("n26", "¿Tenés disponible del diecinueve al veintitrés de marzo? Somos dos adultos "
                "y un nene.", voice="es-419+f4"),
    Note("n27", "Buen día, del siete al diez de enero para cuatro personas, ¿se puede?",
         voice="es+f4", noise=15.0),
    Note("n28", "Hola, necesito lugar para tres del veinticuatro al veintiocho de febrero.",
         voice="es-419", speed=150, kind="m4a_aac"),
    Note("long1", _LONG_1, voice="es-419", speed=155),
    Note("long2", _LONG_2, voice="es-419+f2", speed=160),
    Note("long3", _LONG_3, voice="es+m3", speed=155, noise=20.0),
    # written as a held-out set after the repairs; looked at when choosing the slowed
    # listen, so now tuning notes too
    Note("h01", "Hola, ¿hay lugar para dos personas del diecinueve al veintidós de diciembre?",
         split="tune"),
    Note("h02", "Buenas, queremos ir del cuatro al nueve de enero, somos tres adultos.",
         voice="es-419+m6", split="tune"),
    Note("h03", "¿Cuánto me sale una cabaña para cuatro del once al catorce de marzo?",
         voice="es+f1", speed=165, split="tune"),
    Note("h04", "Hola, te quería consultar por el veintitrés al veintisiete de enero para dos.",
         voice="es-419+f2", kind="m4a_aac", split="tune"),
    Note("h05", "Somos seis, necesitamos del primero al cuatro de febrero.",
         voice="es+m4", noise=18.0, split="tune"),
    Note("h06", "Buen día, ¿tenés disponible del ocho al trece de enero? Seríamos cinco.",
         voice="es-419+m1", kind="mp3", split="tune"),
    Note("h07", "Hola, queremos reservar para tres personas del dieciséis al veinte de marzo.",
         voice="es-419+f5", speed=150, split="tune"),
    Note("h08", "Del diez al doce de diciembre, somos dos adultos y un nene, ¿tienen lugar?",
         voice="es", split="tune"),
    Note("h09", "Buenas noches, vamos a ser cuatro del veintiséis al treinta de diciembre.",
         voice="es-419+m3", kind="amr", split="tune"),
    Note("h10", "Hola, ¿me pasás el precio del cinco al ocho de abril para dos personas?",
         voice="es+f3", noise=15.0, split="tune"),
    # held out: written after the last change to the options and repairs, scored once
    Note("x01", "Hola, quisiera saber si tienen lugar del trece al diecisiete de enero para "
                "cuatro.", voice="es-419+m2", split="heldout"),
    Note("x02", "Buenas tardes, somos dos, ¿del veinte al veinticuatro de febrero?",
         voice="es+f5", split="heldout"),
    Note("x03", "¿Tenés cabaña libre del tres al seis de marzo? Seríamos cinco personas.",
         voice="es-419", speed=170, kind="m4a_aac", split="heldout"),
    Note("x04", "Hola, para seis personas, del veintinueve de diciembre al tres de enero.",
         voice="es-419+f1", noise=20.0, split="heldout"),
    Note("x05", "Queríamos reservar del nueve al doce de febrero, somos tres.",
         voice="es+m2", kind="mp3", split="heldout"),
    Note("x06", "Buen día, ¿cuánto sale del diecisiete al diecinueve de diciembre para dos?",
         voice="es-419+m4", split="heldout"),
    Note("x07", "Hola, vamos a ir cuatro adultos del quince al veintiuno de marzo.",
         voice="es+f1", speed=150, split="heldout"),
    Note("x08", "Somos una familia de cinco, queremos del dos al siete de enero.",
         voice="es-419+f3", kind="amr", split="heldout"),
    Note("x09", "Hola, ¿está disponible del once al dieciséis de abril? Somos dos.",
         voice="es-419+m5", noise=15.0, split="heldout"),
    Note("x10", "Buenas, necesito del veintidós al veinticinco de enero para tres personas.",
         voice="es", speed=165, split="heldout"),
    # fresh held-out set: written before any model output on them was seen, not tuned on
    Note("y01", "Hola, buenas. ¿Tendrás algo para cuatro personas del tres al siete de "
                "diciembre?", voice="es-419+m6", split="fresh"),
    Note("y02", "Buen día, te escribo para reservar desde el veinte hasta el veinticinco de "
                "enero, seríamos dos.", voice="es+f2", speed=155, split="fresh"),
    Note("y03", "Hola, ¿qué tal? Somos ocho amigos y queremos ir del treinta de enero al dos "
                "de febrero.", voice="es-419+f5", speed=165, kind="m4a_aac", split="fresh"),
    Note("y04", "Vamos a ser cinco, ¿tenés lugar del primero al cuatro de marzo?",
         voice="es+m4", noise=22.0, split="fresh"),
    Note("y05", "Buenas tardes, quería consultar del diez al trece de abril, es para una sola "
                "persona.", voice="es", speed=150, split="fresh"),
    Note("y06", "Hola, somos dos adultos y un nene, del veintiocho de febrero al tres de "
                "marzo, ¿se puede?", voice="es-419+m2", kind="mp3", split="fresh"),
    Note("y07", "Che, ¿cómo andás? Queremos ir del seis al once de mayo, somos tres.",
         voice="es-419", speed=170, split="fresh"),
    Note("y08", "Hola, ¿me decís si está libre desde el catorce hasta el dieciocho de julio "
                "para siete personas?", voice="es+f4", speed=150, kind="amr", split="fresh"),
    Note("y09", "Buenas noches, somos cuatro, queríamos del veintitrés al veintisiete de "
                "diciembre.", voice="es-419+m7", noise=18.0, split="fresh"),
    Note("y10", "Hola, para seis personas, ¿hay disponibilidad del nueve al quince de "
                "octubre?", voice="es+m1", speed=175, split="fresh"),
    Note("y11", "Seríamos cuatro y queríamos ir del veintiuno al veinticuatro de noviembre, "
                "que es fin de semana largo.", voice="es-419+f3", split="fresh"),
    Note("y12", "Buen día, ¿tenés cabaña desde el treinta y uno de diciembre hasta el cinco "
                "de enero? Somos tres.", voice="es-419+m4", kind="m4a_aac", noise=25.0,
         split="fresh"),
    Note("y13", "Buenas, ¿cuánto saldría para dos personas del diecisiete al veinte de "
                "febrero?", voice="es+m5", speed=145, kind="mp3", split="fresh"),
    Note("y14", "Hola, te consulto por una cabaña del doce al dieciséis de abril, vamos a ser "
                "ocho.", voice="es-419+f2", speed=165, split="fresh"),
    Note("y15", "Buen día, ¿hay algo libre del veintinueve de noviembre al primero de "
                "diciembre para dos adultos?", voice="es-419+f1", noise=20.0, split="fresh"),
    # second fresh held-out set: written before any model output on them was seen
    Note("z01", "Buenas, ¿tenés lugar entrando el dieciséis y saliendo el diecinueve de "
                "enero? Somos cinco.", voice="es-419+m5", split="fresh2"),
    Note("z02", "Hola, buen día. Somos una pareja y queríamos ir desde el primero hasta el "
                "seis de febrero, ¿cuánto sale?", voice="es+f3", speed=150, split="fresh2"),
    Note("z03", "Hola, ¿qué tal? Vamos a ser diez personas del veintisiete al treinta y uno "
                "de marzo, ¿tenés algo grande?", voice="es-419+m1", speed=170, kind="m4a_aac",
         split="fresh2"),
    Note("z04", "Buenas tardes, ¿hay disponibilidad del treinta de abril al tres de mayo para "
                "tres adultos y dos chicos?", voice="es-419+f4", speed=155, noise=20.0,
         split="fresh2"),
    Note("z05", "Hola, ¿qué tal? Voy solo, entrando el dieciocho y saliendo el veintidós de "
                "mayo, ¿cuánto sale?", voice="es", speed=165, split="fresh2"),
    Note("z06", "Buen día, con mi señora y mis dos hijos queremos ir del doce al diecisiete "
                "de junio, ¿se puede con mascota?", voice="es-419+m3", kind="mp3",
         split="fresh2"),
    Note("z07", "Hola, ¿cuánto me cobrás por siete personas desde el diecinueve hasta el "
                "veinticinco de julio?", voice="es+m2", speed=155, split="fresh2"),
    Note("z08", "Buenas, ¿cómo va? Somos nueve, ¿tenés lugar del ocho al quince de agosto?",
         voice="es-419+m7", speed=165, kind="amr", split="fresh2"),
    Note("z09", "Hola, quería reservar para dos adultos y dos chicos del veinte al "
                "veinticuatro de septiembre.", voice="es-419+f2", speed=150, noise=23.0,
         split="fresh2"),
    Note("z10", "Buenas noches, vamos a ser seis, del once al catorce de octubre, ¿cuánto "
                "sale la noche?", voice="es-419", speed=175, split="fresh2"),
    Note("z11", "Hola, ¿tenés algo para tres personas del veintiséis al veintinueve de "
                "noviembre?", voice="es-419+f5", kind="m4a_aac", split="fresh2"),
    Note("z12", "Buen día, ¿hay lugar para ocho del diecinueve al veintitrés de diciembre? "
                "Es para la familia.", voice="es+m4", speed=145, noise=18.0, split="fresh2"),
    Note("z13", "Hola, quiero saber el precio para cuatro personas, entrando el treinta y uno "
                "de enero y saliendo el cuatro de febrero.", voice="es-419+m6",
         split="fresh2"),
    Note("z14", "Che, buenas, ¿tenés lugar del veintidós al veinticinco de febrero? Vamos a "
                "ser seis.", voice="es-419+f1", speed=170, kind="mp3", split="fresh2"),
    Note("z15", "Hola, somos dos adultos y tres chicos, ¿cuánto sale del nueve al trece de "
                "marzo?", voice="es+f1", speed=155, split="fresh2"),
    Note("z16", "Buenas, queríamos ir del veintiocho de junio al dos de julio, somos cuatro, "
                "¿aceptan perros?", voice="es-419+m2", noise=25.0, split="fresh2"),
    Note("z17", "Hola, buen día, para una pareja del dieciséis al dieciocho de agosto, ¿tenés "
                "disponible?", voice="es-419+f3", speed=165, kind="amr", split="fresh2"),
    Note("z18", "Hola, ¿tenés lugar desde el treinta de octubre hasta el primero de noviembre "
                "para cinco personas?", voice="es+m5", speed=150, kind="m4a_aac",
         split="fresh2"),
    Note("z19", "Buenas tardes, somos tres amigas y queremos ir del cinco al diez de "
                "septiembre.", voice="es-419+m4", split="fresh2"),
    Note("z20", "Buenas, somos cuatro adultos y dos chicos, ¿tenés lugar del veintisiete de "
                "diciembre al dos de enero?", voice="es+f2", speed=170, kind="mp3",
         noise=21.0, split="fresh2"),
    # third fresh held-out set: written blind, before any model output on them was seen
    Note("w01", "Hola, buen día. Llegamos el veintitrés y nos vamos el veintisiete de enero, "
                "somos una pareja. ¿Tenés lugar?", voice="es-419+f1", split="fresh3"),
    Note("w02", "Buenas, ¿cuánto sale desde el tres hasta el ocho de febrero para cuatro "
                "personas?", voice="es+m2", speed=150, split="fresh3"),
    Note("w03", "Hola, con mi señora y mis tres hijos queríamos ir del doce al dieciséis de "
                "marzo, ¿se puede con mascota?", voice="es-419+m6", speed=165, kind="mp3",
         split="fresh3"),
    Note("w04", "Buenas tardes, voy sola, entrando el primero y saliendo el cuatro de abril. "
                "¿Cuánto sale?", voice="es+f4", speed=155, noise=18.0, split="fresh3"),
    Note("w05", "Hola, vamos a ser seis, del catorce al diecisiete de mayo, ¿tenés algo "
                "disponible?", voice="es-419+m3", speed=170, split="fresh3"),
    Note("w06", "Buen día, queríamos ir del treinta de junio al tres de julio, dos adultos y "
                "un nene.", voice="es-419+f2", speed=150, kind="m4a_aac", split="fresh3"),
    Note("w07", "Hola, ¿qué tal? Somos siete, llegamos el nueve y nos vamos el trece de julio, "
                "¿tenés lugar?", voice="es+m1", split="fresh3"),
    Note("w08", "Buenas, ¿hay disponibilidad para tres adultos desde el veintiuno hasta el "
                "veinticuatro de agosto?", voice="es-419+m7", speed=175, kind="amr",
         split="fresh3"),
    Note("w09", "Hola, seríamos cinco, del dieciocho al veintidós de septiembre. ¿Cuánto "
                "sale?", voice="es+f5", speed=145, split="fresh3"),
    Note("w10", "Buen día, te consulto para ocho personas, entrando el dos y saliendo el seis "
                "de octubre.", voice="es-419+m1", speed=165, noise=22.0, split="fresh3"),
    Note("w11", "Hola, ¿tenés lugar del quince al diecinueve de noviembre? Somos nueve, dos "
                "familias.", voice="es-419+f3", speed=155, kind="mp3", split="fresh3"),
    Note("w12", "Buenas noches, somos dos, queremos ir desde el veintinueve hasta el treinta "
                "y uno de diciembre.", voice="es+m4", split="fresh3"),
    Note("w13", "Buenas, llegamos el treinta y uno de diciembre y nos vamos el tres de enero, "
                "vamos a ser cuatro.", voice="es-419+m4", speed=150, noise=20.0,
         split="fresh3"),
    Note("w14", "Hola, ¿cuánto me sale para una persona del veinte al veinticinco de enero?",
         voice="es-419", speed=170, kind="m4a_aac", split="fresh3"),
    Note("w15", "Buen día, seríamos seis, del veintinueve de marzo al dos de abril, ¿se puede "
                "con mascota?", voice="es+f1", speed=155, split="fresh3"),
    Note("w16", "Hola, ¿hay lugar desde el treinta y uno de agosto hasta el cuatro de "
                "septiembre para dos adultos y dos chicos?", voice="es-419+f5", speed=165,
         split="fresh3"),
    Note("w17", "Buenas, queríamos reservar del once al trece de febrero, somos tres amigos.",
         voice="es+m5", speed=145, kind="amr", split="fresh3"),
    Note("w18", "Buen día, somos dos parejas y tres chicos, del veintiséis al treinta de "
                "diciembre, ¿tenés lugar?", voice="es", speed=160, split="fresh3"),
    Note("w19", "Hola, ¿tenés disponible entrando el veintiocho de octubre y saliendo el "
                "primero de noviembre? Somos cinco.", voice="es-419+m2", kind="m4a_aac",
         split="fresh3"),
    Note("w20", "Buenas, ¿cuánto sale del tres al siete de enero? Vamos a ser ocho personas.",
         voice="es+f2", speed=175, noise=16.0, split="fresh3"),
    # fourth fresh held-out set: written blind, before any model output on them was seen
    Note("v01", "Hola, buenas tardes. Quería saber si tenés lugar del siete al diez de enero "
                "para mi señora y yo.", voice="es-419+f3", split="fresh4"),
    Note("v02", "Buen día, te escribo porque queremos ir desde el trece hasta el diecisiete de "
                "febrero, seríamos dos adultos y un nene.", voice="es+m6", speed=155,
         noise=19.0, split="fresh4"),
    Note("v03", "Hola, ¿qué tal? Llegamos el veinticinco y nos vamos el veintiocho de marzo, "
                "vamos a ser seis. ¿Me pasás precio?", voice="es-419+m1", speed=170,
         kind="m4a_aac", split="fresh4"),
    Note("v04", "Buenas, ¿tenés disponibilidad entrando el diecinueve y saliendo el veintitrés "
                "de abril? Somos una pareja con dos chicos.", voice="es+f2", speed=150,
         split="fresh4"),
    Note("v05", "Hola, quisiera cotizar una estadía del primero al cinco de mayo para tres "
                "personas. Gracias.", voice="es-419+f4", speed=165, noise=22.0,
         split="fresh4"),
    Note("v06", "Che, buenas. Somos diez, ¿tenés algo grande del dieciséis al veinte de junio?",
         voice="es-419+m5", speed=175, kind="mp3", split="fresh4"),
    Note("v07", "Buen día, voy sola, llego el ocho y me voy el once de julio. ¿Cuánto me sale?",
         voice="es+f5", speed=155, split="fresh4"),
    Note("v08", "Hola, buenas noches. Queríamos ir cinco amigos desde el veintidós hasta el "
                "veintiséis de agosto, ¿hay lugar?", voice="es-419+m3", kind="amr",
         noise=17.0, split="fresh4"),
    Note("v09", "Hola, ¿cómo andás? Te consulto por el finde del once al catorce de "
                "septiembre, seríamos siete.", voice="es+m7", speed=150, split="fresh4"),
    Note("v10", "Buenas tardes, para dos adultos y tres chicos, ¿tenés lugar del tres al ocho "
                "de octubre? Muchas gracias.", voice="es-419+f1", speed=165, split="fresh4"),
    Note("v11", "Hola, quería reservar para el finde largo, entrando el veinte y saliendo el "
                "veintitrés de noviembre, somos ocho personas.", voice="es", kind="m4a_aac",
         noise=24.0, split="fresh4"),
    Note("v12", "Buen día, ¿cuánto me cobrás del veintisiete al treinta de diciembre para "
                "nosotros dos?", voice="es-419+m6", speed=145, split="fresh4"),
    Note("v13", "Hola, te escribo por mi familia, somos nueve y queremos ir del nueve al "
                "dieciséis de enero.", voice="es+m3", speed=170, kind="mp3", split="fresh4"),
    Note("v14", "Buenas, ¿hay lugar del veinticuatro de febrero al primero de marzo? Seríamos "
                "tres adultos.", voice="es-419+f2", speed=155, noise=15.0, split="fresh4"),
    Note("v15", "Hola, buen día. Vamos mi marido, mi hija y yo, llegamos el dieciocho y nos "
                "vamos el veintiuno de abril.", voice="es+f3", speed=165, split="fresh4"),
    Note("v16", "Buenas noches, ¿tenés cabaña para cuatro adultos desde el treinta de mayo "
                "hasta el dos de junio?", voice="es-419+m4", speed=150, kind="amr",
         split="fresh4"),
    Note("v17", "Hola, ¿qué tal? Queremos ir del catorce al diecinueve de julio, en vacaciones "
                "de invierno, somos ocho en total.", voice="es-419+m2", noise=20.0,
         split="fresh4"),
    Note("v18", "Buen día, ¿cómo estás? Quería pedirte presupuesto del diez al doce de agosto, "
                "voy solo.", voice="es+m1", speed=175, split="fresh4"),
    Note("v19", "Hola, ¿está libre entrando el veintinueve de septiembre y saliendo el tres de "
                "octubre? Somos seis personas, gracias.", voice="es-419+f5", speed=150,
         kind="m4a_aac", split="fresh4"),
    Note("v20", "Buenas, vamos a ser dos parejas, ¿tenés algo del cuatro al siete de "
                "diciembre? Avisame, gracias.", voice="es+f4", kind="mp3", noise=21.0,
         split="fresh4"),
    Note("u01", "Hola, buenas noches, ¿qué tal? Mirá, te cuento, somos de Rosario y este verano "
                "queremos escaparnos unos días a la montaña. Entramos el dos de enero y nos vamos "
                "el siete de enero, somos cinco en total. ¿Me podrás pasar el precio con desayuno "
                "y decirme si hay que llevar ropa de cama? Te agradezco un montón, saludos.",
         voice="es-419+m5", speed=155, split="fresh5"),
    Note("u02", "Del ocho al once de febrero, para tres personas.", voice="es+f2", speed=170,
         kind="amr", split="fresh5"),
    Note("u03", "Buenas, ¿tenés algo desde el treinta y uno de marzo hasta el cuatro de abril? "
                "Somos dos adultos y un nene.", voice="es-419+f3", speed=160, noise=18.0,
         split="fresh5"),
    Note("u04", "Hola, ¿cómo va? Llegamos el diecisiete de abril y nos quedamos cuatro noches, "
                "somos seis amigos.", voice="es+m2", speed=165, split="fresh5"),
    Note("u05", "Buen día, quería reservar para cuatro personas del primero de mayo al cinco de "
                "mayo.", voice="es-419", speed=145, kind="m4a_aac", split="fresh5"),
    Note("u06", "Hola, qué tal, soy Martín. Te escribo de parte de mi viejo, que estuvo el año "
                "pasado y quedó re contento. Queremos ir el fin de semana largo de junio, "
                "entrando el trece y saliendo el dieciséis de junio. Vamos con mi señora y mis "
                "dos hijos, o sea que seríamos cuatro. Contame si la cabaña tiene calefacción a "
                "leña y si se puede pagar con transferencia. Un abrazo.",
         voice="es+m4", speed=160, noise=22.0, split="fresh5"),
    Note("u07", "Che, ¿tenés lugar para las vacaciones de invierno? Sería del veinte al "
                "veintisiete de julio, dos adultos y dos nenas.", voice="es-419+m7", speed=175,
         kind="mp3", split="fresh5"),
    Note("u08", "Hola, ¿está disponible la cabaña chica? Es para nosotros dos, entramos el nueve "
                "de agosto y salimos el doce.", voice="es+f5", speed=150, split="fresh5"),
    Note("u09", "Hola, somos siete, ¿hay lugar del veintidós al veinticinco de septiembre?",
         voice="es-419+m1", speed=180, noise=25.0, split="fresh5"),
    Note("u10", "Buenas tardes, ¿cómo andás? Te cuento que nos vamos a casar y queremos pasar la "
                "luna de miel en la cordillera. Estábamos pensando en llegar el diecinueve de "
                "octubre y quedarnos cinco noches. Somos dos, obvio. Queríamos saber si tenés "
                "alguna cabaña con jacuzzi o con vista al lago, y si nos pueden preparar algo "
                "especial para la llegada. Gracias, quedo atenta.",
         voice="es-419+f1", speed=150, kind="m4a_aac", split="fresh5"),
    Note("u11", "Hola, para el finde del veintisiete al veintinueve de noviembre seríamos tres "
                "adultos. ¿Cuánto sale?", voice="es", speed=165, split="fresh5"),
    Note("u12", "Buenas noches, queremos pasar año nuevo ahí, desde el treinta de diciembre "
                "hasta el tres de enero, para ocho personas.", voice="es-419+m3", speed=155,
         noise=20.0, split="fresh5"),
    Note("u13", "Hola, ¿hay lugar para cinco del cuatro al nueve de enero?", voice="es+m6",
         speed=170, split="fresh5"),
    Note("u14", "Hola, buen día. Te escribo por una reserva para carnaval. Somos un grupo de "
                "diez amigas y queríamos entrar el veintisiete de febrero y salir el dos de "
                "marzo. ¿Tenés una cabaña grande o dos que estén juntas? Avisame, gracias.",
         voice="es-419+f4", speed=165, kind="mp3", noise=16.0, split="fresh5"),
    Note("u15", "Buenas, ¿tenés disponible para Semana Santa? Llegaríamos el veinticinco de marzo "
                "y nos iríamos el veintinueve, somos cuatro adultos.", voice="es+m7", speed=145,
         split="fresh5"),
    Note("u16", "Tres personas, del diez al trece de abril. Gracias.", voice="es-419+m2",
         speed=160, kind="amr", noise=23.0, split="fresh5"),
    Note("u17", "Hola, ¿qué tal? Queremos ir tres noches a partir del veintidós de mayo, somos "
                "un matrimonio con un hijo, tres en total.", voice="es+f1", speed=155,
         split="fresh5"),
    Note("u18", "Buen día, reservo para dos, del veintinueve de junio al tres de julio. ¿Me "
                "pasás el alias para la seña?", voice="es-419+m6", speed=170, split="fresh5"),
    Note("u19", "Hola, ¿cómo estás? Perdoná el audio largo. Estamos armando las vacaciones con mis "
                "hermanos y nuestros hijos, somos once en total contando a los chicos. La idea "
                "es llegar el catorce de agosto a la noche y volver el veintiuno de agosto a la "
                "mañana. ¿Tenés dos cabañas juntas o una que sea bien grande? Y otra cosa, ¿hay "
                "proveeduría cerca o conviene llevar todo? Mil gracias.",
         voice="es-419+f5", speed=160, noise=19.0, split="fresh5"),
    Note("u20", "Entramos el treinta de septiembre, salimos el cuatro de octubre, somos dos.",
         voice="es+m3", speed=175, kind="mp3", split="fresh5"),
    # sixth fresh held-out set: written blind, before any model output on them was seen
    Note("t01", "Hola, ¿cómo andás? Soy Lucía, te hablo desde Córdoba. Una amiga me pasó tu "
                "contacto y me dijo que las cabañas son divinas. Queremos ir desde el nueve "
                "hasta el catorce de enero, somos cuatro, mi marido, mis dos hijas y yo. "
                "¿Tenés alguna con pileta? Y si podés, pasame también cuánto es la seña. "
                "Gracias, besos.", voice="es-419+f2", speed=155, split="fresh6"),
    Note("t02", "¿Del diecinueve al veintidós de febrero? Vamos cinco.", voice="es+m3",
         speed=175, kind="amr", split="fresh6"),
    Note("t03", "Buenas, llegamos el seis de marzo y nos quedamos tres noches, somos una pareja "
                "con dos chicos.", voice="es-419+m4", speed=160, noise=18.0, split="fresh6"),
    Note("t04", "Hola, ¿qué tal? Entramos el dos de abril y salimos el cinco, seríamos seis. "
                "¿Tenés lugar?", voice="es+f1", speed=165, kind="m4a_aac", split="fresh6"),
    Note("t05", "Somos tres, del doce al quince de mayo.", voice="es-419+m6", speed=170,
         split="fresh6"),
    Note("t06", "Che, ¿tenés algo para el finde del diecinueve al veintiuno de junio? Somos "
                "dos adultos y un nene.", voice="es-419+f4", speed=150, noise=21.0,
         split="fresh6"),
    Note("t07", "Buenas tardes, ¿qué tal? Te cuento, estamos planeando las vacaciones de "
                "invierno con la familia de mi hermana y nos encantaría conocer la zona. "
                "Pensábamos llegar el once de julio y quedarnos seis noches. En total seríamos "
                "nueve, cinco adultos y cuatro chicos. ¿Tenés alguna cabaña grande o dos "
                "juntas? Otra cosa, ¿se puede hacer fuego afuera? Gracias, espero tu audio.",
         voice="es+m2", speed=155, split="fresh6"),
    Note("t08", "Para cuatro personas, del tres al siete de agosto.", voice="es-419",
         speed=180, kind="mp3", split="fresh6"),
    Note("t09", "Hola, buen día, ¿hay disponibilidad desde el primero hasta el cinco de "
                "septiembre? Vamos a ser tres adultos.", voice="es+f3", speed=145, noise=24.0,
         split="fresh6"),
    Note("t10", "Buenas noches, queríamos entrar el veintinueve de octubre y salir el dos de "
                "noviembre, somos una pareja.", voice="es-419+m1", speed=160, kind="m4a_aac",
         split="fresh6"),
    Note("t11", "Hola, ¿cómo estás? Mirá, con mis compañeros de la facultad nos recibimos este "
                "año y queremos festejar con una escapada. Sería del veinte al veintitrés de "
                "noviembre, vamos siete. Necesitamos camas separadas, no importa si es una "
                "cabaña o dos. ¿Cuánto saldría por persona, más o menos? Y si hay que dejar "
                "seña, decime cómo. Abrazo grande.", voice="es-419+m7", speed=165,
         noise=16.0, split="fresh6"),
    Note("t12", "Buenas, ¿tenés algo desde el veintiocho de diciembre hasta el cuatro de "
                "enero? Somos dos adultos y tres chicos.", voice="es+f5", speed=150,
         kind="mp3", split="fresh6"),
    Note("t13", "Dos personas, entrando el veinte de enero, cuatro noches.", voice="es+m7",
         speed=170, split="fresh6"),
    Note("t14", "Hola, ¿qué tal? Somos ocho amigos, llegamos el veintiséis de febrero y nos "
                "quedamos cinco noches.", voice="es-419+f5", speed=160, noise=20.0,
         split="fresh6"),
    Note("t15", "Seríamos dos, del veintitrés al veintiséis de marzo.", voice="es+m1",
         speed=175, split="fresh6"),
    Note("t16", "Buen día, ¿cómo va? Te escribo porque mis viejos cumplen cuarenta años de "
                "casados y queremos darles una sorpresa con toda la familia. La idea es entrar "
                "el veintinueve de mayo y salir el primero de junio. Vamos a ser doce personas, "
                "contando a los nietos. ¿Tenés cabañas para tanta gente? Si no, decime si "
                "conocés algo cerca. Mil gracias y perdón por el audio tan largo.",
         voice="es-419+f1", speed=150, kind="m4a_aac", noise=22.0, split="fresh6"),
    Note("t17", "Hola, ¿del catorce al dieciocho de abril tenés algo? Vamos cuatro.",
         voice="es+m4", speed=165, kind="amr", split="fresh6"),
    Note("t18", "Buenas, con mi novia queremos escaparnos del veinticuatro al veintinueve de "
                "agosto, somos dos nomás. ¿Cuánto sale?", voice="es-419+m5", speed=155,
         split="fresh6"),
    Note("t19", "Del diez al doce de octubre, somos seis.", voice="es-419+f3", speed=180,
         noise=15.0, split="fresh6"),
    Note("t20", "Hola, buenas noches. Perdón la hora, recién salgo del trabajo. Te quería "
                "consultar por Navidad, nos gustaría pasarla en la montaña este año. Llegamos "
                "el veintitrés de diciembre y nos quedamos cuatro noches, somos cuatro, tres "
                "adultos y una beba. ¿La beba paga? ¿Tenés cuna? Bueno, cualquier cosa me "
                "avisás, gracias y buen descanso.", voice="es-419+m2", speed=145,
         split="fresh6"),
    # seventh fresh held-out set: written blind, before any model output on them was seen
    Note("s01", "Buenas, te consulto por enero, del veinticuatro al veintiocho, para cuatro "
                "personas.", voice="es-419+m3", speed=165, split="fresh7"),
    Note("s02", "Hola, llegamos el doce de febrero y nos vamos el quince, somos una pareja.",
         voice="es+f1", speed=170, kind="m4a_aac", split="fresh7"),
    Note("s03", "Hola, ¿qué tal? Te mando este audio porque estoy manejando y no puedo "
                "escribir. Con mi mujer y los chicos estamos pensando en ir a la cordillera "
                "en otoño, que dicen que es hermoso con los colores. Seríamos dos adultos y "
                "tres chicos, el más chiquito tiene dos años. Llegaríamos el veintiuno de marzo "
                "y nos quedaríamos hasta el veintiséis. ¿Me contás si hay algo disponible y "
                "cuánto saldría? Gracias, un saludo.", voice="es-419+m4", speed=165,
         split="fresh7"),
    Note("s04", "Entrando el seis de abril, dos noches, vamos cuatro.", voice="es-419+f5",
         speed=175, kind="amr", split="fresh7"),
    Note("s05", "Buen día, ¿hay algo llegando el primero de mayo por tres noches? Somos cinco "
                "adultos.", voice="es+m3", speed=160, noise=17.0, split="fresh7"),
    Note("s06", "Hola, queremos ir del diecisiete al veinte de junio, somos un grupo de seis "
                "amigos.", voice="es-419", speed=165, split="fresh7"),
    Note("s07", "Buenas noches, ¿tenés disponibilidad desde el veintinueve de julio hasta el "
                "dos de agosto? Seríamos cinco.", voice="es-419+f2", speed=150, kind="mp3",
         split="fresh7"),
    Note("s08", "Hola, buenas tardes, ¿cómo va todo por allá? Te cuento que el año pasado "
                "fuimos a una cabaña en la zona y nos quedamos con ganas de volver, así que "
                "este año queremos repetir. La idea sería entrar el diecinueve de agosto y "
                "salir el veintitrés, que los chicos tienen unos días libres en la escuela. "
                "Somos cuatro, mi señora, los dos nenes y yo. ¿Tenés leña incluida o hay que "
                "comprarla aparte? Gracias, abrazo.", voice="es+m3", speed=160, noise=19.0,
         split="fresh7"),
    Note("s09", "Del trece al dieciséis de septiembre, una pareja. ¿Se puede?", voice="es+f1",
         speed=180, split="fresh7"),
    Note("s10", "Hola, ¿cómo andás? ¿Tenés algo del nueve al doce de octubre? Somos tres "
                "adultos y un chico.", voice="es-419+m6", speed=160, kind="m4a_aac",
         split="fresh7"),
    Note("s11", "Che, ¿tenés lugar el veintisiete de noviembre por cuatro noches? Somos siete.",
         voice="es-419+m4", speed=170, split="fresh7"),
    Note("s12", "Buenas, ¿qué tal? Queremos pasar las fiestas ahí, del veinticuatro al treinta "
                "y uno de diciembre, para seis personas.", voice="es+f1", speed=155,
         kind="mp3", split="fresh7"),
    Note("s13", "Hola, somos dos adultos y una nena, llegamos el treinta de enero y nos vamos "
                "el tres de febrero.", voice="es-419+f5", speed=165, noise=18.0,
         split="fresh7"),
    Note("s14", "Hola, buenas, ¿cómo estás? Mirá, soy Gabriela, te escribo por recomendación "
                "de unos vecinos. Estamos organizando un fin de semana con las chicas del "
                "trabajo, somos ocho mujeres, y queremos algo lindo, con pileta si hay. "
                "Pensábamos desde el cinco hasta el ocho de diciembre, que cae feriado. ¿Me "
                "pasás el total y cuánto hay que dejar de seña? Ah, y si aceptan tarjeta. "
                "Gracias, beso grande.", voice="es-419+f2", speed=165, kind="m4a_aac",
         split="fresh7"),
    Note("s15", "Buen día, quería reservar para cinco personas, entrando el veintinueve de "
                "abril y saliendo el tres de mayo.", voice="es+m6", speed=150, split="fresh7"),
    Note("s16", "Vamos tres, del once al catorce de junio.", voice="es-419+m1", speed=175,
         noise=20.0, split="fresh7"),
    Note("s17", "Hola, ¿qué tal? Disculpá que te mande audio, pero es más fácil. Somos un "
                "grupo de la parroquia y estamos armando un retiro para las vacaciones de "
                "invierno. Vamos a ser catorce personas, algunos adultos mayores, así que "
                "necesitaríamos que no haya muchas escaleras. La fecha sería del dieciocho al "
                "veintidós de julio. ¿Tenés varias cabañas cerca una de otra? ¿Y hacen precio "
                "para grupos? Bendiciones y gracias.", voice="es-419", speed=160, kind="mp3",
         split="fresh7"),
    Note("s18", "Hola, buenas noches. Con mi novio queremos ir el veinticinco de septiembre, "
                "cinco noches. ¿Tenés algo con hogar?", voice="es+f5", speed=165,
         split="fresh7"),
    Note("s19", "Buenas, ¿tenés lugar desde el treinta y uno de octubre hasta el cuatro de "
                "noviembre? Seríamos cuatro adultos.", voice="es-419+m7", speed=155,
         split="fresh7"),
    Note("s20", "Somos dos, entramos el siete de agosto y salimos el diez.", voice="es+m4",
         speed=170, kind="amr", split="fresh7"),
    # eighth fresh held-out set: written blind, before any model output on them was seen
    Note("r01", "Buenas, ¿qué onda? Necesitaría una cabaña del diecinueve al veintitrés de enero, "
                "seríamos tres.", voice="es-419", speed=165, split="fresh8"),
    Note("r02", "Hola, mi señora y yo queremos escaparnos unos días. Llegaríamos el once y nos "
                "iríamos el quince de febrero.",
         voice="es+m3", speed=160, kind="m4a_aac", split="fresh8"),
    Note("r03", "Hola, buenas tardes, ¿cómo andás? Te robo un minutito. Resulta que mi hermano se "
                "casa en marzo allá cerca y va a viajar toda la familia para la fiesta. Nosotros "
                "somos cuatro adultos y dos nenes, y estábamos pensando en llegar el dos de marzo "
                "y volver el siete. ¿Tenés algo que nos quede cómodo? Ah, y si hay lugar para "
                "estacionar dos autos, mejor todavía. Gracias, genia.",
         voice="es-419+f2", speed=160, noise=19.0, split="fresh8"),
    Note("r04", "¿Qué tal? Entrando el veintiocho de abril por tres noches, para cinco personas.",
         voice="es-419+m4", speed=170, split="fresh8"),
    Note("r05", "Hola, el finde largo del primero al cuatro de mayo vamos seis, ¿tenés algo?",
         voice="es+f1", speed=165, kind="mp3", split="fresh8"),
    Note("r06", "Buen día, somos un grupo de once, queríamos desde el diez hasta el catorce de "
                "junio.", voice="es-419+m6", speed=155, noise=18.0, split="fresh8"),
    Note("r07", "Che, hola. Tres adultos y una beba, del veintiuno al veinticinco de julio. ¿Hay "
                "disponibilidad?", voice="es-419+f5", speed=160, split="fresh8"),
    Note("r08", "Buenas noches. Somos una pareja y buscamos algo tranquilo desde el doce hasta el "
                "diecisiete de agosto.", voice="es+m4", speed=150, kind="amr", split="fresh8"),
    Note("r09", "Hola, queríamos caer el veintiséis de septiembre y quedarnos cuatro noches, dos "
                "adultos y dos chicos.", voice="es-419", speed=175, kind="m4a_aac", split="fresh8"),
    Note("r10", "Hola, buen día, ¿todo bien? Te hablo de parte de la Colo, que estuvo en tus "
                "cabañas el verano pasado y me las recomendó un montón. Para el fin de semana "
                "largo de octubre estamos pensando en ir con unos amigos, seríamos siete en "
                "total. La idea es entrar el ocho y salir el once de octubre. ¿Aceptan mascotas? "
                "Tenemos una perrita que no molesta nada. Bueno, espero tu respuesta, gracias.",
         voice="es-419+m4", speed=165, kind="mp3", split="fresh8"),
    Note("r11", "Buenas, ¿cómo va? Del veintisiete de noviembre al primero de diciembre, somos "
                "cinco.", voice="es+m3", speed=170, split="fresh8"),
    Note("r12", "Hola, te consulto para Navidad: llegaríamos el veintidós de diciembre y nos "
                "iríamos el veintiséis, somos tres adultos y dos chicos.",
         voice="es-419+f2", speed=165, split="fresh8"),
    Note("r13", "Buenas, ¿queda algo para año nuevo? Somos un grupo de nueve, del veintinueve de "
                "diciembre al dos de enero.", voice="es+m4", speed=165, noise=17.0, split="fresh8"),
    Note("r14", "Buenas, mi novia y yo estaríamos llegando el nueve de enero y nos quedaríamos "
                "hasta el trece.", voice="es-419+m6", speed=170, kind="m4a_aac", split="fresh8"),
    Note("r15", "Hola, ¿sigue libre la cabaña del lago del veinticuatro al veintiocho de marzo? "
                "Somos cuatro.", voice="es-419", speed=175, kind="amr", split="fresh8"),
    Note("r16", "Buen día, somos ocho, dos familias, y queremos ir desde el dieciséis hasta el "
                "dieciocho de abril.", voice="es+m3", speed=150, split="fresh8"),
    Note("r17", "Hola, ¿qué tal? Perdoná el audio, tengo las manos en la masa. Te cuento, somos "
                "un grupo de amigos jubilados que todos los años viajamos a algún lugar distinto, "
                "y este año nos tocó la Patagonia. Queremos ir en mayo, entrando el diecisiete "
                "por seis noches. Seríamos diez personas, cinco matrimonios. ¿Las cabañas tienen "
                "calefacción? Y decime si hay que llevar toallas. Gracias, un beso.",
         voice="es+f1", speed=160, noise=20.0, split="fresh8"),
    Note("r18", "Che, ¿cómo va? Vamos con mi cuñado y su familia, un grupo de siete. Llegaríamos "
                "el treinta y uno de julio y nos iríamos el cuatro de agosto.",
         voice="es-419+m4", speed=175, kind="mp3", split="fresh8"),
    Note("r19", "Buen día, viajo sola por trabajo, necesito del veinte al veinticuatro de "
                "septiembre.", voice="es-419+f2", speed=165, split="fresh8"),
    Note("r20", "Buenas tardes, ¿hay algo para el cinco de noviembre, dos noches? Somos tres "
                "amigas.", voice="es-419+f5", speed=180, split="fresh8"),
    # ninth fresh held-out set: written blind, before any model output on them was seen
    Note("q01", "Hola, ¿qué hacés? ¿Te queda alguna cabaña libre del cuatro al ocho de enero? "
                "Seríamos tres.",
         voice="es-419", speed=165, split="fresh9"),
    Note("q02", "Buenas, somos dos matrimonios y queremos alojarnos del diecinueve al veintidós "
                "de febrero.",
         voice="es+m3", speed=160, kind="m4a_aac", split="fresh9"),
    Note("q03", "Buenas tardes, ¿tendrías algo para cuatro? Llegaríamos el catorce de marzo y "
                "serían dos noches.",
         voice="es-419+f2", speed=155, noise=18.0, split="fresh9"),
    Note("q04", "Hola, soy Rodrigo. ¿Me reservás para mi novia y yo del veintiocho al treinta de "
                "abril?",
         voice="es-419+m4", speed=170, split="fresh9"),
    Note("q05", "Hola, ¿cómo estás? Te mando un audio rápido porque estoy en la oficina. Mi "
                "hermana cumple cincuenta y queremos sorprenderla con un fin de semana en el sur."
                " Seríamos seis, todas mujeres, ninguna con chicos. Habíamos pensado en viajar el"
                " veintidós de mayo y volvernos el veinticinco. ¿Vos tenés algo con dos baños? "
                "Ah, y si me mandás fotos de adentro, mejor. Gracias, divina.",
         voice="es+f1", speed=160, split="fresh9"),
    Note("q06", "Buenos días, ¿me alquilás algo chiquito del trece al quince de junio? Es para mí"
                " solo.",
         voice="es-419+m6", speed=150, kind="mp3", split="fresh9"),
    Note("q07", "Hola, ¿me guardás una cabaña del once al dieciocho de julio? Somos cuatro "
                "adultos y dos nenes.",
         voice="es-419+f5", speed=175, split="fresh9"),
    Note("q08", "Buenas, ¿cómo va? Para dos, queremos caer el veinte de agosto y pegar la vuelta "
                "el veinticuatro.",
         voice="es+m4", speed=165, kind="amr", split="fresh9"),
    Note("q09", "Hola, quisiéramos hospedarnos del veintitrés al veintisiete de septiembre, en "
                "total somos cinco.",
         voice="es-419", speed=160, noise=20.0, split="fresh9"),
    Note("q10", "Buenas noches, vamos cuatro amigos a pescar, arrancamos el diecisiete de octubre"
                " y nos quedamos tres noches.",
         voice="es-419+f2", speed=170, kind="m4a_aac", split="fresh9"),
    Note("q11", "Hola, buen día. Somos tres y queríamos ir del seis al nueve de noviembre, "
                "¿cuánto nos saldría?",
         voice="es+f1", speed=180, split="fresh9"),
    Note("q12", "Buenas, ¿hay disponibilidad del doce al veintiuno de diciembre para una familia "
                "de cuatro?",
         voice="es-419+m6", speed=155, noise=17.0, split="fresh9"),
    Note("q13", "Che, ¿del veintinueve de enero al primero de febrero tenés algo? Somos siete.",
         voice="es+m4", speed=175, split="fresh9"),
    Note("q14", "Hola, buenas tardes. Te dejo un audio porque por escrito me enredo. Nosotros "
                "somos de Mendoza y todos los inviernos buscamos un lugar con nieve para los "
                "chicos. Este año seríamos dos adultos y tres nenes, de nueve, seis y dos años. "
                "La idea es entrar el dos de julio y quedarnos cinco noches. ¿Tenés estufa a "
                "leña? ¿Y el camino se corta con la nieve? Gracias, saludos.",
         voice="es-419+m4", speed=165, noise=19.0, split="fresh9"),
    Note("q15", "Buenas, ¿la cabaña grande está libre del tres al diez de marzo? Seríamos diez.",
         voice="es-419+f5", speed=165, kind="m4a_aac", split="fresh9"),
    Note("q16", "Agosto, del cinco al siete, para tres: mi viejo, mi vieja y yo.",
         voice="es+m3", speed=180, kind="amr", split="fresh9"),
    Note("q17", "Buenas, ¿se puede reservar del veinticinco al treinta de noviembre? Somos doce, "
                "un contingente del club.",
         voice="es-419", speed=150, split="fresh9"),
    Note("q18", "Hola, dos personas, llegando el treinta de septiembre, solo una noche.",
         voice="es+f1", speed=170, kind="mp3", split="fresh9"),
    Note("q19", "Buen día, ¿todo tranquilo por allá? Te cuento, trabajo en una escuela y cuando "
                "terminan las clases nos gusta desenchufarnos unos días. Esta vez vamos con mi "
                "pareja y dos amigos, o sea cuatro. Queríamos llegar el dieciséis de diciembre y "
                "volver el veinte. ¿La cabaña tiene wifi? Porque alguno va a tener que trabajar "
                "igual. Bueno, avisame cuando puedas, gracias.",
         voice="es-419+f2", speed=160, split="fresh9"),
    Note("q20", "Hola, ¿te quedan lugares para ocho del veintiséis al treinta y uno de mayo?",
         voice="es-419+m6", speed=165, noise=20.0, split="fresh9"),
    Note("p01", "Hola, ¿cómo va? Te quería preguntar si tenés lugar para mi señora y yo del "
                "veintiuno al veinticuatro de enero.",
         voice="es+m3", speed=160, split="fresh10"),
    Note("p02", "Buenas, llegamos el tres de febrero y nos vamos el seis, somos una familia de "
                "cinco.",
         voice="es-419", speed=155, kind="amr", split="fresh10"),
    Note("p03", "Hola, buen día, ¿cómo andás? Mirá, te molesto con una consulta. Estamos "
                "planeando un viaje con mi marido y nuestros tres chicos para los primeros días "
                "de otoño. Llegaríamos el veintisiete de marzo y nos iríamos el treinta y uno. O "
                "sea, somos cinco en total. ¿Tenés alguna cabaña con pileta climatizada? Y otra "
                "cosa, ¿hay lugar para dejar el auto adentro del predio? Gracias, quedo atenta.",
         voice="es-419+f4", speed=160, noise=22.0, split="fresh10"),
    Note("p04", "Che, ¿tenés algo libre del siete al nueve de abril? Vamos un grupo de seis "
                "amigos.",
         voice="es-419+m5", speed=170, split="fresh10"),
    Note("p05", "Hola, ¿qué tal? Queremos llegar el viernes catorce de mayo por tres noches, "
                "somos cuatro.",
         voice="es", speed=165, kind="m4a_aac", split="fresh10"),
    Note("p06", "Buenas tardes, somos tres adultos y una nena, ¿hay disponibilidad desde el "
                "veinticinco hasta el veintiocho de junio?",
         voice="es+f4", speed=150, kind="mp3", noise=18.0, split="fresh10"),
    Note("p07", "Hola, ¿todo bien? Te hablo porque una compañera del trabajo estuvo en tus "
                "cabañas y me dijo que son lo más. Nosotros vamos en las vacaciones de invierno, "
                "del doce al diecisiete de julio. Somos dos adultos, mi hijo de diez años y mi "
                "suegra, así que cuatro personas. Tenemos un gato que viaja con nosotros, ¿se "
                "puede llevar? Y ¿la cochera es techada? Bueno, mil gracias, espero tu respuesta.",
         voice="es-419+m2", speed=165, split="fresh10"),
    Note("p08", "Buen día, para dos personas, entramos el dos de agosto y salimos el cinco. "
                "¿Cuánto sale?",
         voice="es-419+f2", speed=175, kind="amr", split="fresh10"),
    Note("p09", "Hola, somos un matrimonio con tres hijos, del diez al catorce de septiembre, "
                "¿tenés lugar?",
         voice="es-419+f1", speed=160, noise=20.0, split="fresh10"),
    Note("p10", "Buenas noches, ¿me reservás desde el treinta de septiembre hasta el tres de "
                "octubre? Vamos nosotros dos nomás.",
         voice="es", speed=145, split="fresh10"),
    Note("p11", "Buenas, ¿qué tal? Necesito una cabaña para el viernes veinte de noviembre, tres "
                "noches, para un grupo de ocho.",
         voice="es-419+m6", speed=155, kind="m4a_aac", noise=16.0, split="fresh10"),
    Note("p12", "Hola, ¿cómo estás? Perdoná que te mande un audio tan largo, pero prefiero "
                "explicarte bien. Somos dos familias amigas y queremos pasar unos días juntos "
                "antes de las fiestas. Entre los dos matrimonios y los chicos somos nueve. "
                "Pensábamos llegar el once de diciembre y volvernos el quince. ¿Tenés una cabaña "
                "grande con parrilla y pileta? ¿Y se puede ir con dos perros? Los chicos no se "
                "quieren separar de ellos. Gracias, un abrazo.",
         voice="es-419+f3", speed=160, kind="m4a_aac", split="fresh10"),
    Note("p13", "Buenas, ¿cómo andás? Voy con tres amigas, desde el veintiocho de enero hasta el "
                "primero de febrero.",
         voice="es+f2", speed=170, split="fresh10"),
    Note("p14", "Voy yo solo, del diecisiete al diecinueve de febrero.",
         voice="es+m1", speed=150, kind="mp3", split="fresh10"),
    Note("p15", "Hola, buen día. Llegaríamos el dieciocho de marzo y nos iríamos el veintidós, "
                "somos dos adultos y un bebé.",
         voice="es-419+m5", speed=165, noise=25.0, split="fresh10"),
    Note("p16", "Buenas tardes, ¿cómo va? Soy Federico, de Buenos Aires. Estoy organizando la "
                "despedida de soltero de un amigo y queremos algo lejos del ruido. Seríamos un "
                "grupo de doce muchachos. La idea es llegar el jueves diez de junio y quedarnos "
                "hasta el domingo trece. ¿Tenés cabañas con parrilla y lugar para estacionar tres"
                " autos? Ah, y decime si hay problema con la música a la noche. Gracias, abrazo.",
         voice="es+m4", speed=160, split="fresh10"),
    Note("p17", "Hola, ¿hay lugar del cuatro al nueve de julio? Seríamos mi mujer, mis dos "
                "suegros y yo.",
         voice="es-419", speed=175, kind="amr", noise=15.0, split="fresh10"),
    Note("p18", "Buenas, ¿qué hacés? Nos gustaría caer el veintiséis de agosto y quedarnos dos "
                "noches, somos una familia de seis.",
         voice="es+f5", speed=155, kind="mp3", split="fresh10"),
    Note("p19", "Hola, quería consultar si está libre la cabaña del veintidós al veinticinco de "
                "octubre, somos tres amigos y un perro.",
         voice="es-419+m3", speed=160, noise=24.0, split="fresh10"),
    Note("p20", "Hola, buenas noches. ¿Tenés lugar del dieciséis al dieciocho de mayo? Vamos mi "
                "hermana, sus dos hijos y yo.",
         voice="es-419+f5", speed=150, split="fresh10"),
    Note("o01", "Buenas, ¿cómo andás? Quería ver si tenés algo del once al catorce de agosto, "
                "vamos cinco en total.",
         voice="es-419", speed=160, split="fresh11"),
    Note("o02", "Hola, buen día. Entrando el cuatro de marzo y saliendo el ocho, somos cuatro "
                "adultos. ¿Tenés disponibilidad?",
         voice="es+m2", speed=150, noise=20.0, split="fresh11"),
    Note("o03", "Che, hola, ¿cómo va? Queremos llegar el sábado diecinueve de junio, dos noches, "
                "somos una pareja con un nene.",
         voice="es-419+f3", speed=170, kind="mp3", split="fresh11"),
    Note("o04", "Hola, buenas noches, ¿qué tal? Mirá, te cuento que estamos armando las vacaciones "
                "de verano. Seríamos mi marido, mis dos hijas y yo. Queríamos ir desde el "
                "veintinueve de diciembre hasta el dos de enero, así pasamos el año nuevo allá. "
                "¿La cabaña tiene wifi? Porque mi marido a veces se tiene que conectar por "
                "trabajo. Y otra cosa, ¿a qué hora es el check-in? Capaz llegamos tarde, tipo "
                "diez de la noche. Gracias, un beso.",
         voice="es+f5", speed=165, split="fresh11"),
    Note("o05", "Buenas tardes, para el fin de semana del siete al nueve de mayo, ¿tenés algo "
                "para un grupo de siete?",
         voice="es-419+m1", speed=155, kind="amr", noise=18.0, split="fresh11"),
    Note("o06", "Buen día, ¿te queda algo para este mes, del trece al quince de noviembre? Voy con "
                "mi novia.",
         voice="es", speed=175, split="fresh11"),
    Note("o07", "Hola, somos seis adultos, ¿me pasás precio del veinticinco al treinta y uno de "
                "enero?",
         voice="es-419+m4", speed=145, kind="m4a_aac", split="fresh11"),
    Note("o08", "Buenas, ¿qué tal? Llegaríamos el jueves dieciocho de febrero y nos iríamos el "
                "domingo veintiuno, somos tres amigas.",
         voice="es-419+f3", speed=160, noise=22.0, split="fresh11"),
    Note("o09", "Hola, te escribo para ver si hay algo libre entre el doce y el dieciséis de "
                "abril. Seríamos mi papá, mi mamá, mi hermano y yo.",
         voice="es+m2", speed=165, kind="mp3", split="fresh11"),
    Note("o10", "Hola, buenas tardes, ¿cómo andás? Te hablo de parte de mi prima, que estuvo en "
                "enero y le encantó. Nosotros queremos ir en las vacaciones de invierno, llegando "
                "el lunes diecinueve de julio y volviendo el sábado veinticuatro. Somos un "
                "matrimonio con tres chicos, así que cinco en total. Tenemos un perro mediano, "
                "¿lo podemos llevar? ¿Y el desayuno está incluido o se paga aparte? Bueno, espero "
                "tu respuesta, gracias.",
         voice="es-419", speed=160, kind="m4a_aac", split="fresh11"),
    Note("o11", "Buenas noches, ¿tenés disponible del veintisiete al veintinueve de septiembre? "
                "Seríamos dos adultos y dos adolescentes.",
         voice="es+f5", speed=150, kind="amr", split="fresh11"),
    Note("o12", "Hola, ¿qué hacés? ¿Me guardás la cabaña grande desde el viernes quince de octubre "
                "hasta el domingo diecisiete? Somos nueve.",
         voice="es-419+m1", speed=170, noise=16.0, split="fresh11"),
    Note("o13", "Buen día, ¿cómo estás? Perdoná el audio, pero escribiendo tardo mil años. Te "
                "consulto porque queremos pasar Navidad en familia lejos de la ciudad. Seríamos "
                "cuatro adultos y dos nenas, seis en total. La idea es entrar el veintiuno de "
                "diciembre y salir el veintiséis. ¿El desayuno viene incluido? ¿Y cómo se paga, "
                "con transferencia o en efectivo? Si hay que dejar seña, pasame el alias. Muchas "
                "gracias.",
         voice="es+m2", speed=160, split="fresh11"),
    Note("o14", "Hola, buenas, ¿todo bien? Soy Valeria, de La Plata. Te mando este audio porque "
                "vi tu publicación en Facebook. Queremos ir con mi pareja y nuestro perro, un "
                "labrador que es re tranquilo, ¿aceptan mascotas? Las fechas serían del "
                "veintidós al veintiséis de marzo, somos dos personas nomás. ¿Tienen wifi? ¿Y a "
                "qué hora se puede entrar? Gracias, saludos.",
         voice="es-419+f3", speed=165, noise=24.0, split="fresh11"),
    Note("o15", "Buenas, ¿hay lugar a partir del martes primero de junio, tres noches? Somos mi "
                "hermana, mi mamá y yo.",
         voice="es-419+m4", speed=175, kind="amr", split="fresh11"),
    Note("o16", "Hola, quería consultar del treinta de agosto al dos de septiembre, seríamos yo y "
                "mi novio.",
         voice="es", speed=145, noise=15.0, split="fresh11"),
    Note("o17", "Buenas, ¿cómo va? Entramos el tres de enero, salimos el ocho, somos ocho, todos "
                "adultos.",
         voice="es+f5", speed=170, kind="mp3", split="fresh11"),
    Note("o18", "Hola, ¿sigue libre algo del veinte al veintitrés de mayo? Voy con mis tres "
                "hijos.",
         voice="es-419+m1", speed=150, kind="m4a_aac", noise=21.0, split="fresh11"),
    Note("o19", "Buenas tardes, ¿tenés lugar del veintiocho al treinta de noviembre? Somos un "
                "grupo de diez compañeros de trabajo.",
         voice="es-419", speed=155, split="fresh11"),
    Note("o20", "Hola, ¿me reservás del seis al nueve de octubre? Voy sola con mi nena.",
         voice="es-419+f2", speed=165, split="fresh11"),
    # twelfth fresh held-out set: written blind, before any model output on them was seen
    Note("k01", "Buenas, ¿cómo va? Seríamos cinco, del primero al cuatro de diciembre, ¿tenés "
                "algo?",
         voice="es-419+m1", speed=165, split="fresh12"),
    Note("k02", "Hola, queremos entrar el jueves diez de diciembre y salir el domingo trece, "
                "somos dos adultos y una nena.",
         voice="es-419+f3", speed=155, kind="m4a_aac", split="fresh12"),
    Note("k03", "Hola, buen día, ¿cómo estás? Te encontré por Google Maps y vi que tenés muy "
                "buenos comentarios. Te cuento, somos de Neuquén y queremos ir con mi esposa y "
                "mis dos hijos. La idea sería desde el dos de enero, cinco noches. ¿Tenés "
                "cochera? ¿Y aceptan perros chicos? Tenemos una caniche que es un amor. Desde ya, "
                "muchas gracias.",
         voice="es+m2", speed=160, noise=20.0, split="fresh12"),
    Note("k04", "Che, ¿cómo andás? Voy solo, del treinta y uno de mayo al tres de junio, ¿tenés "
                "algo chiquito?",
         voice="es-419+m4", speed=175, split="fresh12"),
    Note("k05", "Hola, somos seis amigos, desde el quince de febrero, cuatro noches. ¿Cuánto "
                "sale?",
         voice="es+f5", speed=150, kind="mp3", noise=18.0, split="fresh12"),
    Note("k06", "Buenas tardes, ¿hay disponibilidad entrando el veintidós y saliendo el "
                "veintiséis de enero? Seríamos tres adultos y dos nenes.",
         voice="es-419+f2", speed=165, split="fresh12"),
    Note("k07", "Hola, ¿te queda algo desde el viernes veinte hasta el lunes veintitrés de "
                "noviembre? Voy con mi esposa y mis dos hijos.",
         voice="es", speed=170, split="fresh12"),
    Note("k08", "Buen día. Somos una familia de siete, queremos ir del ocho al catorce de marzo.",
         voice="es-419", speed=150, kind="amr", split="fresh12"),
    Note("k09", "Hola, ¿qué tal? Mirá, te hago una consulta. Soy Mariana, trabajo desde casa y "
                "quiero irme unos días a desconectarme un poco, pero igual necesito buena "
                "conexión. ¿El wifi anda bien en las cabañas? Voy yo sola con mi perrita, que es "
                "chiquita y muy tranquila. Pensaba llegar el lunes doce de abril y quedarme hasta "
                "el viernes dieciséis. ¿Se puede pagar con transferencia? Gracias, saludos.",
         voice="es-419+f3", speed=160, kind="m4a_aac", noise=22.0, split="fresh12"),
    Note("k10", "Buenas, ¿qué tal? Del veinticinco al veintiocho de abril seríamos nueve, ¿hay "
                "lugar?",
         voice="es+m2", speed=170, split="fresh12"),
    Note("k11", "Hola, quería reservar para mi mamá, mi tía y yo, desde el seis de junio por tres "
                "noches.",
         voice="es-419+f2", speed=155, noise=16.0, split="fresh12"),
    Note("k12", "Buenas noches, ¿del diecisiete al veinticuatro de julio tenés algo para dos "
                "adultos y cuatro chicos?",
         voice="es-419", speed=145, kind="mp3", split="fresh12"),
    Note("k13", "Che, hola, entramos el miércoles once de agosto y salimos el sábado catorce, "
                "somos cuatro.",
         voice="es+f5", speed=175, split="fresh12"),
    Note("k14", "Buenas tardes, ¿cómo andás? Te hablo porque unos amigos nos pasaron tu número, "
                "dicen que la atención es bárbara. Estamos organizando el cumpleaños de mi marido "
                "y queremos juntarnos todos en un lugar lindo. Seríamos ocho adultos y tres "
                "chicos, once en total. Llegaríamos el diecisiete de septiembre y nos iríamos el "
                "veinte. ¿Tenés parrilla techada? ¿Y cuánto hay que dejar de seña? Gracias, un "
                "beso grande.",
         voice="es", speed=155, split="fresh12"),
    Note("k15", "Hola, buen día, necesito alojamiento para mí solo, llego el cuatro de octubre y "
                "me voy el siete.",
         voice="es-419+m4", speed=165, kind="amr", noise=20.0, split="fresh12"),
    Note("k16", "Buenas, ¿tenés disponible del catorce al dieciocho de diciembre? Vamos con mi "
                "novio y dos amigos.",
         voice="es-419+m1", speed=170, split="fresh12"),
    Note("k17", "Hola, ¿qué tal? Queremos pasar Reyes allá, desde el cinco hasta el ocho de "
                "enero, para cinco personas.",
         voice="es+f5", speed=150, kind="m4a_aac", split="fresh12"),
    Note("k18", "Hola, buenas noches. Perdón que te mande audio, pero estoy manejando y no puedo "
                "escribir. Te cuento, vamos con mi viejo a pescar truchas, como todos los años, y "
                "esta vez se suma mi cuñado, así que somos tres. Queremos entrar el sábado "
                "veintisiete de febrero y salir el miércoles tres de marzo. ¿La cabaña tiene "
                "heladera grande? ¿Y hay señal de celular? Bueno, avisame, gracias.",
         voice="es-419+m1", speed=165, noise=24.0, split="fresh12"),
    Note("k19", "Buen día, somos dos nomás, del veintiuno al veintitrés de mayo.",
         voice="es-419+m4", speed=180, split="fresh12"),
    Note("k20", "Hola, ¿me confirmás si está libre del dos al nueve de septiembre? Somos un "
                "matrimonio con un hijo.",
         voice="es-419+f2", speed=140, kind="mp3", noise=15.0, split="fresh12"),
    # thirteenth fresh held-out set: written blind, before any model output on them was seen
    Note("j01", "Buenas, ¿tenés lugar del dieciséis al diecinueve de noviembre? Somos cuatro.",
         voice="es-419+m1", speed=160, split="fresh13"),
    Note("j02", "Hola, ¿qué tal? Seríamos tres, del veintiocho de enero al dos de febrero, ¿me "
                "pasás precio?",
         voice="es+f5", speed=150, kind="m4a_aac", split="fresh13"),
    Note("j03", "Che, hola. Llegamos el siete de marzo, cuatro noches, dos adultos y un nene.",
         voice="es-419+m3", speed=170, noise=18.0, split="fresh13"),
    Note("j04", "Hola, buenas tardes, ¿cómo estás? Mirá, te mando este audio porque una "
                "compañera del trabajo fue el año pasado y me habló re bien de ustedes. Queremos "
                "ir con mi mujer y mis tres hijos, desde el primero hasta el seis de abril. "
                "¿Aceptan mascotas? Tenemos un gato que viaja con nosotros a todos lados. Y otra "
                "cosa, ¿el wifi llega bien a la cabaña? Dale, espero tu respuesta, gracias.",
         voice="es-419", speed=160, split="fresh13"),
    Note("j05", "Buenas, voy solo, entrando el once de mayo y saliendo el trece. ¿Tenés algo?",
         voice="es+m2", speed=175, kind="mp3", split="fresh13"),
    Note("j06", "Hola, ¿cómo andás? Queremos ir del viernes dieciocho al lunes veintiuno de "
                "junio, somos una pareja.",
         voice="es-419+f3", speed=165, noise=20.0, split="fresh13"),
    Note("j07", "Mirá, necesitamos una cabaña para seis personas, desde el veinte hasta el "
                "veintisiete de julio.",
         voice="es-419+f2", speed=155, kind="amr", noise=22.0, split="fresh13"),
    Note("j08", "Buen día, ¿tenés disponible del treinta y uno de diciembre al tres de enero? "
                "Seríamos cinco.",
         voice="es-419+m4", speed=145, split="fresh13"),
    Note("j09", "Buenas, ¿qué hacés? Te cuento, somos un grupo de amigos de la facultad y todos "
                "los años nos vamos juntos a algún lado. Este año la idea es llegar el catorce de "
                "agosto y quedarnos tres noches. Somos ocho en total. ¿La cabaña tiene parrilla? "
                "Porque el asado no puede faltar, eh. ¿Y cuánto es la seña? ¿Te la puedo mandar "
                "por transferencia? Bueno, che, cualquier cosa avisame. Abrazo.",
         voice="es", speed=165, noise=16.0, split="fresh13"),
    Note("j10", "Hola, ¿me reservás del nueve al doce de septiembre para dos personas?",
         voice="es+f5", speed=180, split="fresh13"),
    Note("j11", "Buenas tardes, somos dos adultos y tres chicos, del cuatro al diez de octubre, "
                "¿hay lugar?",
         voice="es-419+m1", speed=150, kind="m4a_aac", split="fresh13"),
    Note("j12", "Buenas, ¿tenés algo del veintitrés al veintiséis de noviembre? Somos dos "
                "adultos y una beba.",
         voice="es-419+f2", speed=160, noise=24.0, split="fresh13"),
    Note("j13", "Hola, buen día, ¿todo bien? Soy Martín, de Rosario. Te hablo porque queremos "
                "hacer una escapada de fin de semana largo. Seríamos mi hermano, su novia, mi "
                "mujer y yo, cuatro en total. Entraríamos el viernes veintisiete de noviembre y "
                "saldríamos el domingo veintinueve. ¿Hasta qué hora se puede hacer el check-out? "
                "¿Y tienen wifi? Gracias, un abrazo.",
         voice="es-419+m4", speed=160, kind="mp3", split="fresh13"),
    Note("j14", "Hola, ¿cuánto me sale del diecinueve al veintidós de diciembre? Somos siete.",
         voice="es-419+m3", speed=155, split="fresh13"),
    Note("j15", "Buenas, llegamos el martes dos de marzo, cinco noches, para tres personas.",
         voice="es", speed=170, kind="amr", split="fresh13"),
    Note("j16", "Hola, ¿qué hacés? Mirá, del quince al diecisiete de enero seríamos una pareja "
                "con dos nenas.",
         voice="es-419+f3", speed=150, split="fresh13"),
    Note("j17", "Buenas noches, ¿cómo va? Perdoná la hora. Te quería consultar por una cabaña "
                "para dos adultos y un nene de cuatro años. Nos gustaría entrar el sábado "
                "veinticuatro de abril y salir el sábado primero de mayo, una semana justa. ¿Se "
                "puede llevar al perro? Es un beagle, muy bueno. ¿Y la seña cuánto sería, el "
                "treinta por ciento? Bueno, desde ya muchas gracias, que descanses.",
         voice="es+f5", speed=155, noise=19.0, split="fresh13"),
    Note("j18", "Buen día, quiero reservar para dos personas, entrando el veintinueve de agosto "
                "y saliendo el primero de septiembre.",
         voice="es-419+m1", speed=165, noise=15.0, split="fresh13"),
    Note("j19", "Hola, ¿tenés lugar para el finde largo, del viernes ocho al lunes once de "
                "octubre? Somos diez.",
         voice="es+m2", speed=160, split="fresh13"),
    Note("j20", "Che, ¿cómo va? Voy solo, llego el cinco de junio y me quedo dos noches.",
         voice="es-419", speed=175, kind="mp3", split="fresh13"),
)
