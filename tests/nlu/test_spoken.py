"""Repairs of misheard transcripts: only where a booking request puts a number or a party."""

from __future__ import annotations

from datetime import date

import pytest

from posada.nlu.spoken import repair
from posada.nlu.understand import understand
from tests.nlu.helpers import corpus_rows

TODAY = date(2026, 11, 3)


@pytest.mark.parametrize(("heard", "meant"), [
    ("Hola, del Niesiocho al veinte de diciembre", "Hola, del dieciocho al veinte de diciembre"),
    ("reservar la cabaña de locho al doce", "reservar la cabaña del ocho al doce"),
    ("del tres alocho de abril", "del tres al ocho de abril"),
    ("ahora salí en el hueve a lonce en el enero", "ahora salí del nueve al once en el enero"),
    ("Somos cuatro amutos y queremos", "Somos cuatro adultos y queremos"),
    ("se llamamos los amudos", "se llamamos dos adultos"),
    ("para vos personas, del 6 al 9", "para dos personas, del 6 al 9"),
    ("Somos moss, del 30 de diciembre", "Somos dos, del 30 de diciembre"),
    ("del 10 al 19 menero", "del 10 al 19 de enero"),
    ("al ventiozo de febrero", "al veintiocho de febrero"),
    ("del veintiuno al veinticuato de diciembre", "del veintiuno al veinticuatro de diciembre"),
    ("en el trece al quinto de diciembre", "del trece al quince de diciembre"),
    ("necesito lugar para frez", "necesito lugar para tres"),
    ("del 30 de diciembre al moz de enero", "del 30 de diciembre al dos de enero"),
    ("personas del veintimosa veintiseis enero", "personas del veintidos al veintiseis enero"),
    ("del 28 de febrero al de enero marzo, se puede", "del 28 de febrero al de marzo, se puede"),
    ("reservar del de enero febrero, somos tres", "reservar del de febrero, somos tres"),
    ("del 21 al 24 de no miembre, que es", "del 21 al 24 de noviembre, que es"),
    ("del 2 al 5 de se tiembre", "del 2 al 5 de setiembre"),
    ("el nieces y sief al nieces y nueve de diciembre", "el diecisiete al diecinueve de diciembre"),
    ("del diez y seis al veinte", "del dieciséis al veinte"),
    ("vamos a hacer cinco, tenés un lugar", "vamos a ser cinco, tenés un lugar"),
    ("vamos a hacer rocho", "vamos a ser ocho"),
    ("seguimos los del 23 al 26 de marzo", "seríamos dos del 23 al 26 de marzo"),
    ("somos cuatro adultos y moschicos", "somos cuatro adultos y dos chicos"),
    ("con mi señora y mis mosijos", "con mi señora y mis dos hijos"),
    ("para tres multos y mosquicos", "para tres adultos y dos chicos"),
    ("del 27 de diciembre al mosne enero", "del 27 de diciembre al dos de enero"),
    ("entramos el mosme a los dos y salimos", "entramos el dos a los dos y salimos"),
    ("voy con mi esposa y mis los hijos.", "voy con mi esposa y mis dos hijos."),
    ("se llamo socho a multos y tres chicos", "seríamos ocho adultos y tres chicos"),
    ("hasta el momingo niecisiete, somos", "hasta el domingo diecisiete, somos"),
    ("el viernes niecisiete de marzo", "el viernes diecisiete de marzo"),
    ("la casa tiene el momingo libre", "la casa tiene el momingo libre"),
    ("somos los nomás del 21 al 23 de mayo", "somos dos nomás del 21 al 23 de mayo"),
    ("salir el mosne no llembre, somos", "salir el dos no llembre, somos"),
    ("del moce de octubre", "del doce de octubre"),
    ("hasta el 18 me julio", "hasta el 18 de julio"),
    ("Hola, somos una padeca, queremos", "Hola, somos una pareja, queremos"),
    ("del veinte y seis al treinta", "del veintiséis al treinta"),
    ("buen día, para una paleta del 16 al 18", "buen día, para una pareja del 16 al 18"),
    ("del 19 de febrero, pala moza muto, viene", "del 19 de febrero, pala dos adultos, viene"),
    ("reservar para la moza mutos y dos chicos", "reservar para dos adultos y dos chicos"),
    ("somos 2 a adultos y un nene", "somos 2 adultos y un nene"),
    ("de 2 a 4 personas", "de 2 a 4 personas"),
    ("vamos 3 de 11 al 14 de junio", "vamos 3 del 11 al 14 de junio"),
    ("tenemos chicos de 6 al 10 años", "tenemos chicos de 6 al 10 años"),
    ("hasta el 25 de enero seguimosmos", "hasta el 25 de enero seríamos dos"),
    ("del 19 de octubre, somosmos obvio", "del 19 de octubre, somos dos obvio"),
    ("del 14 al 18 de abril, no mamos 4", "del 14 al 18 de abril, no vamos 4"),
    ("la mamos 4 veces", "la mamos 4 veces"),
    ("para el 5 de noviembre los noches", "para el 5 de noviembre dos noches"),
    ("con unos amigos seguimos 7 en total", "con unos amigos seríamos 7 en total"),
    ("el 22 de diciembre y nos iamos el 26", "el 22 de diciembre y nos iríamos el 26"),
    ("¿hay tarifa especial de 2 a mayores?", "¿hay tarifa especial de 2 a mayores?"),
    ("del 27 de febrero al tres de marzo para la voz.", "del 27 de febrero al tres de marzo "
                                                        "para dos."),
    ("por el 23 al 27 de enero para vos?", "por el 23 al 27 de enero para dos?"),
    ("reservo para la voz del 29 de junio al 3 de julio", "reservo para dos del 29 de junio al "
                                                          "3 de julio"),
    ("para la voz, desde el 3 hasta el 5", "para dos, desde el 3 hasta el 5"),
    ("el diecisiete al nieces y nueve de diciembre para vos?",
     "el diecisiete al diecinueve de diciembre para dos?"),
    ("ir en el mose al diecisiete de junio", "ir del doce al diecisiete de junio"),
    ("del trese al quinse de marzo", "del trece al quince de marzo"),
    ("para presa multos y mosquicos", "para tres adultos y dos chicos"),
    ("cuánto sale el nieces y sief el nieces y nueve de diciembre",
     "cuánto sale el diecisiete al diecinueve de diciembre"),
    ("del 10 el 14 enero", "del 10 al 14 enero"),
    ("somos los parejas y peschicos del 26 al 30", "somos dos parejas y tres chicos del 26 al 30"),
    ("vamos nos familias y treschicos", "vamos dos familias y tres chicos"),
    # fresh9 (q02, q12, q20)
    ("somos los matrimonios y queremos", "somos los matrimonios y queremos"),
    ("los matrimonios pagan aparte", "los matrimonios pagan aparte"),
    ("para la familia neguatro", "para una familia de cuatro"),
    ("somos la familia Nemesio", "somos la familia Nemesio"),
    ("lugares para 8 nel 26 y 31 me maño", "lugares para 8 del 26 al 31 me maño"),
    ("del 26 y 27 al 30 de mayo", "del 26 y 27 al 30 de mayo"),
    # fresh10 (p02, p03, p10, p13, p14, p15, p18)
    ("si tenés un arpa la mi senyora hijo en el 21", "si tenés un arpa la mi señora y yo en el 21"),
    ("del 7 al 10 enero para mi senyora", "del 7 al 10 enero para mi señora y yo"),
    ("con mi hijo y mi señora", "con mi hijo y mi señora"),
    ("somos una pareja con los chicos", "somos una pareja con dos chicos"),
    ("somos cuatro, una pareja con los chicos", "somos cuatro, una pareja con los chicos"),
    ("está disponible en el 15 al 18 de diciembre", "está disponible del 15 al 18 de diciembre"),
    ("del 29 en el diciembre al 2", "del 29 en el diciembre al 2"),
    ("vamos nosotros los nomás", "vamos nosotros dos nomás"),
    ("vamos nosotros los chicos", "vamos nosotros los chicos"),
    ("y nos íbamos el 22", "y nos iríamos el 22"), ("y nos iñamos el 31", "y nos iríamos el 31"),
    ("somos una familia meseis", "somos una familia de seis"),
    ("hoy o solo, ve el 17 al 19", "voy yo solo, ve el 17 al 19"),
    ("¿para hoy o solo el finde?", "¿para hoy o solo el finde?"),
    ("hoy yo sola, mañana llegan los chicos", "hoy yo sola, mañana llegan los chicos"),
    ("hoy con mi esposa, hasta el 6", "hoy con mi esposa, hasta el 6"),
    ("las noches del 24 y 25 de diciembre", "las noches del 24 y 25 de diciembre"),
    ("del 24 y 31 de diciembre", "del 24 y 31 de diciembre"),
    ("en el centro al lado del lago", "en el centro al lado del lago"),
    ("una consulta para mi senyora.", "una consulta para mi senyora."),
    ("mi señora hijo y yo del 3 al 5", "mi señora hijo y yo del 3 al 5"),
    ("somos una pareja con los chicos de mi hermana",
     "somos una pareja con los chicos de mi hermana"),
    ("nos quedamos en el 7 al lado del río", "nos quedamos en el 7 al lado del río"),
    ("vamos con mi señora hijo y nuera", "vamos con mi señora hijo y nuera"),
    ("la otra vez nos íbamos el domingo", "la otra vez nos íbamos el domingo"),
    ("llegamos el 20 y nos íbamos el 24, ahora del 22 al 26",
     "llegamos el 20 y nos íbamos el 24, ahora del 22 al 26"),
    ("hoy yo sola del 3 al 5", "voy yo sola del 3 al 5"),
    ("hoy solo quiero preguntar", "hoy solo quiero preguntar"),
    ("como andas, hoy con tres amigas, desde el 28 de enero",
     "como andas, voy con tres amigas, desde el 28 de enero"),
    ("hoy con mi marido queremos saber el precio", "hoy con mi marido queremos saber el precio"),
    ("llegamos hoy con mi hermana y nos vamos el 5",
     "llegamos hoy con mi hermana y nos vamos el 5"),
    ("y volve el 20", "y volver el 20"), ("volvé el lunes", "volvé el lunes"),
    ("del 5 y 30 de mayo", "del 5 y 30 de mayo"), ("del 9 y 3 de mayo", "del 9 y 3 de mayo"),
    # heard on an AMD EPYC (AVX2 kernels), where the same notes decode otherwise
    ("somos moz del 30 de diciembre", "somos dos del 30 de diciembre"),
    ("de diciembre, somos noz a multos y un nene", "de diciembre, somos dos adultos y un nene"),
    ("del ocho al trece enero, seguimos cinco.", "del ocho al trece enero, seríamos cinco."),
    ("hola, se llamos cinco, el 18", "hola, seríamos cinco, el 18"),
    ("buen día, se llamo seis del 29 de marzo al 2", "buen día, seríamos seis del 29 de marzo "
                                                     "al 2"),
    ("seremos cuatro, del 3 al 5", "seríamos cuatro, del 3 al 5"),
    ("el 17 al 19 de diciembre para los", "el 17 al 19 de diciembre para dos"),
    # heard in several sets of notes: "voy sola", "seríamos" as "se llamó", glued parejas
    ("buen día, hoy sola, llego el 8", "buen día, voy sola, llego el 8"),
    ("del 11 al 14 de septiembre, se llamó 7.", "del 11 al 14 de septiembre, seríamos 7."),
    ("para la masa multos y tres chicos", "para dos adultos y tres chicos"),
    ("del 27 al 30 de diciembre para nosotros los", "del 27 al 30 de diciembre para nosotros dos"),
    ("vamos a ser mostrejas, tenés algo", "vamos a ser dos parejas, tenés algo"),
    ("desde el veinte y os hasta el 26", "desde el veintidós hasta el 26"),
])
def test_misheard_booking_words_are_put_right(heard: str, meant: str) -> None:
    assert repair(heard) == meant


@pytest.mark.parametrize("text", [
    "Hola, ¿cómo estás? Vimos tus cabañas en Instagram y nos encantaron.",
    "¿Aceptan mascotas? Tenemos un perro chiquito.",
    "los chicos quieren ir al lago",  # "los" before a party noun only after a number word
    "vamos con los nenes a la nieve",
    "para más info escribime",
    "nos vemos el lunes, me dice mi hermano",
    "¿Cuánto sale la seña?",
    "del 15 al 18 de diciembre somos 4",
])
def test_what_a_guest_would_type_is_left_as_it_is(text: str) -> None:
    assert repair(text) == text


def test_a_repaired_transcript_reads_as_the_typed_request() -> None:
    heard = "Somos cuatro amutos y queremos en el catorce al niesiocho menero."
    typed = "Somos cuatro adultos y queremos del catorce al dieciocho de enero."
    got, want = understand(repair(heard), TODAY), understand(typed, TODAY)
    assert (got.stay.check_in, got.stay.check_out, got.party.guests) == (
        want.stay.check_in, want.stay.check_out, want.party.guests) == (
        date(2027, 1, 14), date(2027, 1, 18), 4)


def test_after_a_counted_party_the_children_are_counted_too() -> None:
    assert repair("somos dos adultos y los chicos") == "somos dos adultos y dos chicos"
    assert repair("vamos los adultos y los chicos") == "vamos dos adultos y dos chicos"


#: Transcripts heard right that an earlier repair changed (found by the breaking pass).
HEARD_RIGHT = [
    "del treinta y uno de diciembre al dos de enero", "el treinta de diciembre",
    "somos 2 personas y los menores", "somos 2 personas y los amigos",
    "del 10 al 14 de enero con los abuelos", "vamos con los alumnos del 10 al 14 de enero",
    "del 10 al 14 de enero por los asuntos del trabajo", "para los acuerdos de pago",
    "para mas personas", "somos mas personas", "es para vos?", "la pileta es para mas?",
    "es para nos, del 10 al 14 de enero", "del 10 al 14 de enero, seriamos mas",
    "el cuarto de enero", "el 10 de enero, el cuarto de los chicos", "del quinto piso",
    "al quinto dia", "del 10 al 14 de enero, llegamos de noche", "el jueves de noche llegamos",
    "hola somos los chicos de la otra vez", "nos vemos del 10 al 14 de enero",
    "más o menos del 10 al 14 de enero somos 4", "vamos con mi mamá y al nieto",
    "queremos ir del 10 al 14 de enero con los chicos, somos 4", "desde el nueve de julio",
    "a las once", "de vez en cuando", "del lunes al viernes",
    "vamos a hacer un asado", "vamos a hacer una fiesta",
    "somos tres y seis chicos", "de mi marzo", "de la marea", "de un abrir y cerrar de ojos",
    "del 2 al 5 de enero", "dos cuartos para tres adultos", "los mosquitos", "nos comentaron",
    "del 3 al 8 de marzo, abril también nos sirve", "del 10 al 15 de enero, febrero no",
    "vamos a hacer tres asados", "somos dos, buenos días y siete noches",
    "de luna de miel al 5 de enero", "para una pava de mate", "somos una parte del grupo",
    "en el enero pasado", "me enteré en enero", "llegamos en el enero", "vos decime",
    "la moza nos atendió muy bien", "del 3 al 5, ¿es para vos o para tu familia?",
    "el 5 de enero es para vos", "somos dos, del 10 al 14 de enero",
    "las parejas y los chicos", "presentes", "tres pesos", "el tren", "preschool",
    # found by a breaking pass over this round's repairs
    "¿Te queda bien el 5 para vos?", "¿Te sirve el 10 de marzo para vos?",
    "¿Tenés lugar el 3 para mí y el 5 para vos?", "del 3 al 5 de marzo, feliz 2027 para vos!",
    "del 3 al 5, somos dos, para vos?", "a nombre de Pérez, del 3 al 5 de marzo para 4",
    "somos tres, para vos del 3 al 5 está bien?", "es para vos del 3 al 5 de marzo",
    "tengo una consulta para vos, del 3 al 5 de marzo", "¿te queda bien para vos del 3 al 5?",
    "un abrazo para vos, del 3 al 5 entonces",
    "un regalo para vos del 3 de marzo",
    "la reserva del 3 al 5 de marzo es para Pérez, Juan", "y quise reservar del 3 al 5",
    "venimos desde Díaz, del 3 al 5 de marzo", "vinimos en el 2024 el 3 de marzo",
    "puede ser el 17 el 18 el 19 de diciembre",
    "el 17, el 19 de diciembre", "el 17 o el 19 de diciembre", "el lunes el 19 de marzo",
    # "-mos" and a number that is no party; "somos los" + a noun
    "sacamos dos.", "sumamos 3, del 3 al 5", "seguimos 40.", "somos los del grupo",
    "vamos a hacer algo del 3 al 5", "si damos 30, ¿hay descuento?",
    # found by a breaking pass: nights, cabins and cars counted after "si"; a stated party
    "¿hay descuento si reservamos 7?", "del 10 al 17 de enero, ¿si pagamos 7?",
    "para el 20 de enero, si seguimos 7, hay descuento?", "Somos 4. ¿Y si reservamos 5?",
    "Somos 2 adultos. ¿Y si sumamos 3?", "queríamos saber si señamos 3.", "se lo señamos 2?",
    "los perros son nuestros, los chicos los cuidan",
    "vamos a hacer dos del 14 al 16 de febrero", "somos vos y yo y los chicos, del 10 al 12",
    "hoy solo quiero preguntar algo", "la cabaña se llama 3?", "y nosotros los llevamos",
    "nos vemos el veinte y un beso", "el veinte y los chicos",
]


@pytest.mark.parametrize("text", HEARD_RIGHT)
def test_a_transcript_heard_right_is_left_as_it_is(text: str) -> None:
    assert repair(text) == text


def test_every_typed_message_of_the_corpus_reads_the_same_repaired() -> None:
    """A transcript heard right is text as typed: the repair must not change its reading
    (it once made "primera quincena" a "quince" and "unos amigos" one guest)."""
    rows = corpus_rows()
    assert len(rows) > 500
    changed = []
    for row in rows:
        today = date.fromisoformat(row["today"])
        typed, heard = understand(row["text"], today), understand(repair(row["text"]), today)
        if (typed.stay, typed.party.guests) != (heard.stay, heard.party.guests):
            changed.append((row["text"], repair(row["text"])))
    assert changed == []
